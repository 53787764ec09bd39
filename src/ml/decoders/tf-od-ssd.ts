import type { Detection } from '../../domain/detection';
import type { DetectorDecoderConfig } from '../../domain/model-manifest';
import { boxInImage, suppress } from './boxes';
import type { Decoder } from './types';

/**
 * TensorFlow Object Detection API models (SSD and kin), outputs in this order: detection_boxes [1, N, 4] (y1, x1,
 * y2, x2 as fractions of the input), detection_scores [1, N], detection_classes [1, N] (label-map ids, 1-based:
 * decoder.classIdOffset 1), num_detections [1]. The graph suppressed already; ours runs again, harmlessly.
 */
export const decodeTfOdSsd: Decoder = ([boxes, scores, classes, count], context) => {
  if (!boxes || !scores || !classes) throw new Error('tf-od-ssd: expected the outputs detection_boxes, detection_scores, detection_classes (and num_detections)');
  const n = scores.length;
  if (boxes.length !== n * 4 || classes.length !== n) {
    throw new Error(`tf-od-ssd: ${boxes.length / 4} boxes, ${n} scores and ${classes.length} classes do not match`);
  }
  const { manifest, params } = context;
  const offset = (manifest.decoder as DetectorDecoderConfig).classIdOffset ?? 1;
  const valid = count && count.length > 0 ? Math.min(n, Math.round(count[0]!)) : n;
  const { width, height } = manifest.input;
  const candidates: Detection[] = [];
  for (let i = 0; i < valid; i++) {
    const score = scores[i]!;
    const classIndex = Math.round(classes[i]!) - offset;
    const label = manifest.labels[classIndex];
    if (!(score >= params.scoreThreshold) || label === undefined) continue;
    const [y1, x1, y2, x2] = [boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!];
    const box = boxInImage({ x: x1 * width, y: y1 * height, w: (x2 - x1) * width, h: (y2 - y1) * height }, context);
    if (box) candidates.push({ label, classIndex, score, box });
  }
  return suppress(candidates, context);
};
