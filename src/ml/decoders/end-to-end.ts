import type { Detection } from '../../domain/detection';
import { fromCorners } from '../../domain/geometry';
import type { DetectorDecoderConfig } from '../../domain/model-manifest';
import { boxInImage, boxUnits, suppress } from './boxes';
import type { DecodeContext, Decoder } from './types';

const ROW = 6; // x1, y1, x2, y2, score, class

/**
 * Models that did their own peak finding or suppression: rows of x1, y1, x2, y2, score, class ([1, N, 6]), corners in
 * input pixels (or fractions of the input), class an index into the labels after decoder.classIdOffset.
 * NMS-free YOLO exports and CenterNet give this; our suppression still runs, harmless on already-suppressed rows.
 */
export const decodeEndToEnd: Decoder = ([rows], context) => decodeRows(rows, context, 'end-to-end');

export function decodeRows(rows: Float32Array | undefined, context: DecodeContext, decoder: string): Detection[] {
  if (!rows || rows.length % ROW !== 0) throw new Error(`${decoder}: expected rows of ${ROW} values`);
  const { manifest, params } = context;
  const offset = (manifest.decoder as DetectorDecoderConfig).classIdOffset ?? 0;
  const units = boxUnits(context);
  const candidates: Detection[] = [];
  for (let i = 0; i < rows.length; i += ROW) {
    const score = rows[i + 4]!;
    const classIndex = rows[i + 5]! - offset;
    const label = manifest.labels[classIndex];
    if (!(score >= params.scoreThreshold) || !Number.isInteger(classIndex) || label === undefined) continue;
    const inInput = fromCorners(rows[i]! * units.x, rows[i + 1]! * units.y, rows[i + 2]! * units.x, rows[i + 3]! * units.y);
    const box = boxInImage(inInput, context);
    if (box) candidates.push({ label, classIndex, score, box });
  }
  return suppress(candidates, context);
}
