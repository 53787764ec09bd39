import type { Detection } from '../../domain/detection';
import { anchorTable, bestClass, boxUnits, centreBox, describeShape, suppress, unbatched } from './boxes';
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
  const table = anchorTable(values, shape, 5 + nc, false);
  if (!table) throw new Error(`yolov5: output ${describeShape(context.shapes?.[0])} does not fit ${nc} labels (expected [1, N, ${5 + nc}] or [1, ${5 + nc}, N])`);
  const { anchors, at } = table;
  const units = boxUnits(context);
  const candidates: Detection[] = [];
  for (let i = 0; i < anchors; i++) {
    const objectness = at(4, i);
    if (!(objectness >= params.scoreThreshold)) continue;
    const best = bestClass(at, i, 5, nc);
    const score = objectness * best.score;
    if (!(score >= params.scoreThreshold)) continue;
    const box = centreBox(at, i, units, context);
    if (box) candidates.push({ label: manifest.labels[best.index]!, classIndex: best.index, score, box });
  }
  return suppress(candidates, context);
};
