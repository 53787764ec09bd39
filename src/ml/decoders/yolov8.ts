import type { Detection } from '../../domain/detection';
import { boxInImage, boxUnits, describeShape, suppress, unbatched } from './boxes';
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
  const [a, b] = shape as [number, number];
  const channelsFirst = a === 4 + nc;
  if (!channelsFirst && b !== 4 + nc) {
    throw new Error(`yolov8: output ${describeShape(context.shapes?.[0])} does not fit ${nc} labels (expected [1, ${4 + nc}, N] or [1, N, ${4 + nc}])`);
  }
  const anchors = channelsFirst ? b : a;
  const at = channelsFirst ? (row: number, anchor: number) => values[row * anchors + anchor]! : (row: number, anchor: number) => values[anchor * (4 + nc) + row]!;
  const units = boxUnits(context);
  const candidates: Detection[] = [];
  for (let i = 0; i < anchors; i++) {
    let best = 0;
    let score = -Infinity;
    for (let c = 0; c < nc; c++) {
      const s = at(4 + c, i);
      if (s > score) {
        score = s;
        best = c;
      }
    }
    if (!(score >= params.scoreThreshold)) continue;
    const w = at(2, i) * units.x;
    const h = at(3, i) * units.y;
    const box = boxInImage({ x: at(0, i) * units.x - w / 2, y: at(1, i) * units.y - h / 2, w, h }, context);
    if (box) candidates.push({ label: manifest.labels[best]!, classIndex: best, score, box });
  }
  return suppress(candidates, context);
};
