import type { Detection } from '../../domain/detection';
import { type BBox, clipBox } from '../../domain/geometry';
import { inputBoxToImage } from '../../domain/model-input';
import type { DetectorDecoderConfig } from '../../domain/model-manifest';
import { nonMaxSuppression } from '../../domain/nms';
import type { DecodeContext } from './types';

/** A box in model-input pixels, in image pixels and clipped to the image; null when nothing of it is left. */
export function boxInImage(inInput: BBox, { manifest, placement, imageWidth, imageHeight }: DecodeContext): BBox | null {
  const box = placement
    ? inputBoxToImage(inInput, placement)
    : { x: (inInput.x * imageWidth) / manifest.input.width, y: (inInput.y * imageHeight) / manifest.input.height, w: (inInput.w * imageWidth) / manifest.input.width, h: (inInput.h * imageHeight) / manifest.input.height };
  const clipped = clipBox(box, imageWidth, imageHeight);
  return clipped.w > 0 && clipped.h > 0 ? clipped : null;
}

/** Input pixels per box unit: 1 for boxes in input pixels, the input size for boxes given as fractions of it. */
export function boxUnits(context: DecodeContext): { x: number; y: number } {
  const config = context.manifest.decoder as DetectorDecoderConfig;
  return config.normalizedBoxes ? { x: context.manifest.input.width, y: context.manifest.input.height } : { x: 1, y: 1 };
}

/** Suppression as the decoder config asks: per class unless classAgnostic. */
export function suppress(candidates: Detection[], context: DecodeContext): Detection[] {
  const config = context.manifest.decoder as DetectorDecoderConfig;
  return nonMaxSuppression(candidates, {
    iouThreshold: context.params.iouThreshold,
    maxDetections: context.params.maxDetections,
    perClass: !config.classAgnostic,
  });
}

/** The shape of output `index` with the batch dimension of one dropped: [1, a, b] → [a, b]. */
export function unbatched(context: DecodeContext, index: number, decoder: string): readonly number[] {
  const shape = context.shapes?.[index];
  if (!shape) throw new Error(`${decoder}: the shape of output ${index} is unknown`);
  return shape.length > 1 && shape[0] === 1 ? shape.slice(1) : shape;
}

export const describeShape = (shape: readonly number[] | undefined) => `[${(shape ?? []).join(', ')}]`;

/** Reads one value of an anchor table: `row` (cx, cy, w, h, then scores) of anchor `anchor`. */
export type AnchorValue = (row: number, anchor: number) => number;

/**
 * A YOLO-style output as a table of `rows` values per anchor, stored either rows-first ([rows, N]) or anchors-first
 * ([N, rows]); `rowsFirst` is the layout tried first when both dimensions would fit. Null when neither fits.
 */
export function anchorTable(values: Float32Array, [a, b]: readonly number[], rows: number, rowsFirst: boolean): { anchors: number; at: AnchorValue } | null {
  const byRows = a === rows && (rowsFirst || b !== rows);
  if (!byRows && b !== rows) return null;
  const anchors = byRows ? b! : a!;
  return { anchors, at: byRows ? (row, anchor) => values[row * anchors + anchor]! : (row, anchor) => values[anchor * rows + row]! };
}

/** The best of `count` class scores starting at row `first`. */
export function bestClass(at: AnchorValue, anchor: number, first: number, count: number): { index: number; score: number } {
  let index = 0;
  let score = -Infinity;
  for (let c = 0; c < count; c++) {
    const s = at(first + c, anchor);
    if (s > score) {
      score = s;
      index = c;
    }
  }
  return { index, score };
}

/** The anchor's centre box (cx, cy, w, h in rows 0–3) in image pixels, clipped; null when nothing of it is left. */
export function centreBox(at: AnchorValue, anchor: number, units: { x: number; y: number }, context: DecodeContext): BBox | null {
  const w = at(2, anchor) * units.x;
  const h = at(3, anchor) * units.y;
  return boxInImage({ x: at(0, anchor) * units.x - w / 2, y: at(1, anchor) * units.y - h / 2, w, h }, context);
}
