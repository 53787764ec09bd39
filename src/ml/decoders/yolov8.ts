import type { Detection } from '../../domain/detection';
import { anchorTable, bestClass, boxUnits, centreBox, describeShape, suppress, unbatched } from './boxes';
import type { Decoder } from './types';

/**
 * Ultralytics YOLOv8 / YOLO11 exports: one output [1, 4 + nc, N] (or its transpose [1, N, 4 + nc]); per anchor
 * cx, cy, w, h in input pixels, then nc class scores (already sigmoid, no objectness). The best class of each
 * anchor is its candidate; suppression is ours (per class, like ultralytics' default).
 */
export const decodeYoloV8: Decoder = ([values], context) => {
  const { manifest, params } = context;
  const nc = manifest.labels.length;
  const shape = unbatched(context, 0, 'yolov8');
  if (!values || shape.length !== 2) throw new Error(`yolov8: expected one output [1, ${4 + nc}, N], got ${describeShape(context.shapes?.[0])}`);
  const table = anchorTable(values, shape, 4 + nc, true);
  if (!table) throw new Error(`yolov8: output ${describeShape(context.shapes?.[0])} does not fit ${nc} labels (expected [1, ${4 + nc}, N] or [1, N, ${4 + nc}])`);
  const { anchors, at } = table;
  const units = boxUnits(context);
  const candidates: Detection[] = [];
  for (let i = 0; i < anchors; i++) {
    const best = bestClass(at, i, 4, nc);
    if (!(best.score >= params.scoreThreshold)) continue;
    const box = centreBox(at, i, units, context);
    if (box) candidates.push({ label: manifest.labels[best.index]!, classIndex: best.index, score: best.score, box });
  }
  return suppress(candidates, context);
};
