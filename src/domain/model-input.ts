import type { BBox } from './geometry';
import type { RgbaPixels } from './image';
import type { ModelInput, Preprocessing, ResizeMode } from './model-manifest';
import { resizeToRgbFloats } from './raster';

/** Where the image sits in the model input: which part of it is used, and the rectangle it is resized into. */
export interface InputPlacement {
  /** The part of the image the model sees, in image pixels (the whole image unless cropped). */
  source: BBox;
  /** Where that part lands in the model input, in input pixels (smaller than the input when letterboxed). */
  target: BBox;
}

/**
 * stretch: the whole image onto the whole input. letterbox: scaled to fit and centred, as ultralytics' LetterBox
 * does (sizes rounded, the odd padding pixel at the bottom/right). crop: the centred part of the image with the
 * input's aspect ratio, scaled onto the whole input, as Teachable Machine does.
 */
export function placeInInput(imageWidth: number, imageHeight: number, inputWidth: number, inputHeight: number, resize: ResizeMode): InputPlacement {
  const whole = { x: 0, y: 0, w: imageWidth, h: imageHeight };
  const input = { x: 0, y: 0, w: inputWidth, h: inputHeight };
  if (resize === 'letterbox') {
    const gain = Math.min(inputWidth / imageWidth, inputHeight / imageHeight);
    const w = Math.max(1, Math.round(imageWidth * gain));
    const h = Math.max(1, Math.round(imageHeight * gain));
    const left = Math.max(0, Math.round((inputWidth - w) / 2 - 0.1));
    const top = Math.max(0, Math.round((inputHeight - h) / 2 - 0.1));
    return { source: whole, target: { x: left, y: top, w, h } };
  }
  if (resize === 'crop') {
    const gain = Math.max(inputWidth / imageWidth, inputHeight / imageHeight);
    const w = Math.min(imageWidth, Math.round(inputWidth / gain));
    const h = Math.min(imageHeight, Math.round(inputHeight / gain));
    return { source: { x: Math.floor((imageWidth - w) / 2), y: Math.floor((imageHeight - h) / 2), w, h }, target: input };
  }
  return { source: whole, target: input };
}

/** A box in model-input pixels back in image pixels (not clipped). */
export function inputBoxToImage(box: BBox, { source, target }: InputPlacement): BBox {
  const sx = source.w / target.w;
  const sy = source.h / target.h;
  return { x: source.x + (box.x - target.x) * sx, y: source.y + (box.y - target.y) * sy, w: box.w * sx, h: box.h * sy };
}

export interface ModelInputData {
  /** Batch of one, in the input's layout (NHWC or NCHW), preprocessed. */
  data: Float32Array;
  placement: InputPlacement;
}

const isPlain = (pre: Preprocessing, input: ModelInput) =>
  (pre.resize ?? 'stretch') === 'stretch' && !pre.mean && !pre.std && (pre.colorOrder ?? 'RGB') === 'RGB' && (input.layout ?? 'NHWC') === 'NHWC';

/**
 * The image as the model wants it: placed (stretched, letterboxed or cropped), normalised, channels ordered, laid
 * out. `into` (the input's size in floats), where given, may be written and returned instead of a new array.
 */
export function toModelInput(pixels: RgbaPixels, input: ModelInput, pre: Preprocessing, into?: Float32Array): ModelInputData {
  const { width, height } = input;
  const placement = placeInInput(pixels.width, pixels.height, width, height, pre.resize ?? 'stretch');
  // The bundled models' path: exactly what they always got, so their cached results stay valid.
  if (isPlain(pre, input)) return { data: resizeToRgbFloats(pixels, width, height, pre.scale, pre.offset, into), placement };

  const { source, target } = placement;
  const part = source.w === pixels.width && source.h === pixels.height ? pixels : cropPixels(pixels, source);
  const placed = resizeToRgbFloats(part, target.w, target.h);
  const pad = pre.padValue ?? 0;
  const rgb = new Float32Array(width * height * 3).fill(pad);
  for (let y = 0; y < target.h; y++) {
    rgb.set(placed.subarray(y * target.w * 3, (y + 1) * target.w * 3), ((target.y + y) * width + target.x) * 3);
  }
  return { data: normalise(rgb, width * height, input, pre), placement };
}

function cropPixels(pixels: RgbaPixels, { x, y, w, h }: BBox): RgbaPixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * pixels.width + x) * 4;
    data.set(pixels.data.subarray(from, from + w * 4), row * w * 4);
  }
  return { data, width: w, height: h };
}

/** RGB 0–255 (HWC) to (v * scale + offset − mean) / std per channel, in the model's channel order and layout. */
function normalise(rgb: Float32Array, count: number, input: ModelInput, pre: Preprocessing): Float32Array {
  if (!pre.mean && !pre.std && (pre.colorOrder ?? 'RGB') === 'RGB' && (input.layout ?? 'NHWC') === 'NHWC') {
    for (let i = 0; i < rgb.length; i++) rgb[i] = rgb[i]! * pre.scale + pre.offset; // letterbox or crop, nothing else
    return rgb;
  }
  const mean = pre.mean ?? [0, 0, 0];
  const std = pre.std ?? [1, 1, 1];
  const order = (pre.colorOrder ?? 'RGB') === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const planar = (input.layout ?? 'NHWC') === 'NCHW';
  const out = new Float32Array(count * 3);
  for (let c = 0; c < 3; c++) {
    const from = order[c]!;
    const m = mean[c]!;
    const s = std[c]!;
    for (let p = 0; p < count; p++) {
      const value = (rgb[p * 3 + from]! * pre.scale + pre.offset - m) / s;
      out[planar ? c * count + p : p * 3 + c] = value;
    }
  }
  return out;
}

/**
 * The part of a large image to read, and at what size, for one pass of the whole image: a TIFF is read at about
 * the model input's size (from its overviews) but keeping the aspect the placement needs.
 */
export function wholeImageRead(imageWidth: number, imageHeight: number, input: Pick<ModelInput, 'width' | 'height'>, resize: ResizeMode): { window: BBox; width: number; height: number } {
  const { source, target } = placeInInput(imageWidth, imageHeight, input.width, input.height, resize);
  if (resize === 'stretch') return { window: source, width: input.width, height: input.height };
  return { window: source, width: target.w, height: target.h };
}
