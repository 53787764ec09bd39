import type { Detection } from '../../domain/detection';
import { boxInImage, boxUnits, describeShape, suppress, unbatched } from './boxes';
import type { Decoder } from './types';

/**
 * YOLOv5 exports: [1, N, 5 + nc] (or its transpose); per anchor cx, cy, w, h, objectness, then nc class scores.
 * A candidate's score is objectness × its best class score. YOLOv5's own TF export gives boxes as fractions of the
 * input (decoder.normalizedBoxes).
 */
export const decodeYoloV5: Decoder = ([values], context) => {
  const { manifest, params } = context;
  const nc = manifest.labels.length;
  const shape = unbatched(context, 0, 'yolov5');
  if (!values || shape.length !== 2) throw new Error(`yolov5: expected one output [1, N, ${5 + nc}], got ${describeShape(context.shapes?.[0])}`);
  const [a, b] = shape as [number, number];
  const anchorsFirst = b === 5 + nc;
  if (!anchorsFirst && a !== 5 + nc) {
    throw new Error(`yolov5: output ${describeShape(context.shapes?.[0])} does not fit ${nc} labels (expected [1, N, ${5 + nc}] or [1, ${5 + nc}, N])`);
  }
  const anchors = anchorsFirst ? a : b;
  const at = anchorsFirst ? (row: number, anchor: number) => values[anchor * (5 + nc) + row]! : (row: number, anchor: number) => values[row * anchors + anchor]!;
  const units = boxUnits(context);
  const candidates: Detection[] = [];
  for (let i = 0; i < anchors; i++) {
    const objectness = at(4, i);
    if (!(objectness >= params.scoreThreshold)) continue;
    let best = 0;
    let classScore = -Infinity;
    for (let c = 0; c < nc; c++) {
      const s = at(5 + c, i);
      if (s > classScore) {
        classScore = s;
        best = c;
      }
    }
    const score = objectness * classScore;
    if (!(score >= params.scoreThreshold)) continue;
    const w = at(2, i) * units.x;
    const h = at(3, i) * units.y;
    const box = boxInImage({ x: at(0, i) * units.x - w / 2, y: at(1, i) * units.y - h / 2, w, h }, context);
    if (box) candidates.push({ label: manifest.labels[best]!, classIndex: best, score, box });
  }
  return suppress(candidates, context);
};
