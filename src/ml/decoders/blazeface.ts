import type { Detection } from '../../domain/detection';
import { clipBox, scaleBox } from '../../domain/geometry';
import { nonMaxSuppression } from '../../domain/nms';
import type { Decoder } from './types';

const REGRESSORS = 16; // cx offset, cy offset, w, h, then 6 keypoints (x, y)

/** SSD anchor centres of BlazeFace's back-camera model: a 16-px grid with 2 anchors, then a 32-px grid with 6. */
export function blazeFaceAnchors(inputSize: number): Float32Array {
  const layers = [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
  const out: number[] = [];
  for (const { stride, perCell } of layers) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) out.push(stride * (gx + 0.5), stride * (gy + 0.5));
      }
    }
  }
  return Float32Array.from(out);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));

/**
 * Outputs, as listed in the manifest: logits of the 16-px layer [512], logits of the 32-px layer [384],
 * then their regressors [512 × 16] and [384 × 16], in model-input pixels relative to the anchor.
 */
export const decodeBlazeFace: Decoder = (outputs, { manifest, params, imageWidth, imageHeight }) => {
  const [logitsFine, logitsCoarse, regFine, regCoarse] = outputs;
  if (!logitsFine || !logitsCoarse || !regFine || !regCoarse) throw new Error('blazeface: expected 4 outputs');
  const size = manifest.input.width;
  const anchors = blazeFaceAnchors(size);
  const logits = [...logitsFine, ...logitsCoarse];
  if (anchors.length / 2 !== logits.length) throw new Error(`blazeface: ${logits.length} scores for ${anchors.length / 2} anchors`);
  const sx = imageWidth / size;
  const sy = imageHeight / manifest.input.height;
  const candidates: Detection[] = [];
  for (let i = 0; i < logits.length; i++) {
    const score = sigmoid(logits[i]!);
    if (score < params.scoreThreshold) continue;
    const [reg, row] = i < logitsFine.length ? [regFine, i] : [regCoarse, i - logitsFine.length];
    const o = row * REGRESSORS;
    const cx = anchors[i * 2]! + reg[o]!;
    const cy = anchors[i * 2 + 1]! + reg[o + 1]!;
    const w = reg[o + 2]!;
    const h = reg[o + 3]!;
    const box = clipBox(scaleBox({ x: cx - w / 2, y: cy - h / 2, w, h }, sx, sy), imageWidth, imageHeight);
    if (box.w > 0 && box.h > 0) candidates.push({ label: manifest.labels[0] ?? 'face', classIndex: 0, score, box });
  }
  return nonMaxSuppression(candidates, {
    iouThreshold: params.iouThreshold,
    maxDetections: params.maxDetections,
    perClass: true,
  });
};
