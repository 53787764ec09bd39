import type { Detection } from '../../domain/detection';
import { clipBox, fromCorners, scaleBox } from '../../domain/geometry';
import { nonMaxSuppression } from '../../domain/nms';
import type { Decoder } from './types';

const ROW = 6; // x1, y1, x2, y2, score, class

/**
 * CenterNet as converted by Human: `detections` [1, 100, 6] after peak finding and top-k,
 * corners in model-input pixels, class a 0-based index into the labels. NMS is ours to do.
 */
export const decodeCenterNet: Decoder = ([rows], { manifest, params, imageWidth, imageHeight }) => {
  if (!rows || rows.length % ROW !== 0) throw new Error(`centernet: expected rows of ${ROW} values`);
  const sx = imageWidth / manifest.input.width;
  const sy = imageHeight / manifest.input.height;
  const candidates: Detection[] = [];
  for (let i = 0; i < rows.length; i += ROW) {
    const score = rows[i + 4]!;
    const classIndex = rows[i + 5]!;
    const label = manifest.labels[classIndex];
    if (!(score >= params.scoreThreshold) || !Number.isInteger(classIndex) || label === undefined) continue;
    const inInput = fromCorners(rows[i]!, rows[i + 1]!, rows[i + 2]!, rows[i + 3]!);
    const box = clipBox(scaleBox(inInput, sx, sy), imageWidth, imageHeight);
    if (box.w > 0 && box.h > 0) candidates.push({ label, classIndex, score, box });
  }
  // Class-agnostic: the graph emits a peak per class at the same centre, so per-class NMS would leave
  // stacks of identical boxes labelled dog, bed, couch… on one cat.
  return nonMaxSuppression(candidates, {
    iouThreshold: params.iouThreshold,
    maxDetections: params.maxDetections,
    perClass: false,
  });
};
