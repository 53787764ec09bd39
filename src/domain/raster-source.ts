import type { BBox } from './geometry';
import type { RgbaPixels } from './image';
import { resizeToRgbFloats } from './raster';

/** A rectangle of whole pixels inside an image: x, y, w, h are integers and it lies within the image. */
export type PixelWindow = BBox;

/**
 * An image that can be read a window at a time, so a large raster (a 20,000 × 20,000 orthophoto) is never
 * held decoded whole. Implementations: in memory (below), TIFF (src/platform/tiff-source.ts), synthetic (bench).
 */
export interface RasterSource {
  readonly width: number;
  readonly height: number;
  /**
   * RGBA pixels of `window`; when outWidth × outHeight differs from the window's size the window is resampled
   * to it (area average when shrinking, bilinear when enlarging, transparency composited onto white).
   */
  readWindow(window: PixelWindow, outWidth?: number, outHeight?: number): Promise<RgbaPixels>;
  /** Takes back pixels readWindow returned, once nothing uses them, so a later read may reuse their memory. */
  recycle?(pixels: RgbaPixels): void;
}

export const fullWindow = (source: Pick<RasterSource, 'width' | 'height'>): PixelWindow => ({
  x: 0,
  y: 0,
  w: source.width,
  h: source.height,
});

/** Throws a RangeError unless the window is whole pixels, not empty, and inside a width × height image. */
export function checkWindow(window: PixelWindow, width: number, height: number): void {
  const { x, y, w, h } = window;
  const whole = [x, y, w, h].every(Number.isInteger);
  if (!whole || w < 1 || h < 1 || x < 0 || y < 0 || x + w > width || y + h > height) {
    throw new RangeError(`window x ${x}, y ${y}, w ${w}, h ${h} is not a non-empty pixel window inside ${width} × ${height}`);
  }
}

export function checkOutputSize(outWidth: number, outHeight: number): void {
  if (!Number.isInteger(outWidth) || !Number.isInteger(outHeight) || outWidth < 1 || outHeight < 1) {
    throw new RangeError(`output size must be positive integers, got ${outWidth} × ${outHeight}`);
  }
}

/** Copies a window out of RGBA pixels (no resampling, alpha kept). */
export function cropRgba(pixels: RgbaPixels, window: PixelWindow): RgbaPixels {
  checkWindow(window, pixels.width, pixels.height);
  const { x, y, w, h } = window;
  const out = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * pixels.width + x) * 4;
    out.set(pixels.data.subarray(from, from + w * 4), row * w * 4);
  }
  return { data: out, width: w, height: h };
}

/**
 * Resamples RGBA pixels with the engine's own resize (area average when shrinking), so a window read at the
 * model's input size gives the model what it would have got from the whole image. Alpha is composited onto
 * white and the result is opaque, as the engine would have composited it anyway.
 */
export function resampleRgba(pixels: RgbaPixels, outWidth: number, outHeight: number): RgbaPixels {
  checkOutputSize(outWidth, outHeight);
  if (outWidth === pixels.width && outHeight === pixels.height) return pixels;
  const rgb = resizeToRgbFloats(pixels, outWidth, outHeight);
  const out = new Uint8ClampedArray(outWidth * outHeight * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    out[o] = Math.round(rgb[i]!);
    out[o + 1] = Math.round(rgb[i + 1]!);
    out[o + 2] = Math.round(rgb[i + 2]!);
    out[o + 3] = 255;
  }
  return { data: out, width: outWidth, height: outHeight };
}

/** A RasterSource over pixels already decoded (a PNG or JPEG the size of a photo). */
export function memoryRasterSource(pixels: RgbaPixels): RasterSource {
  return {
    width: pixels.width,
    height: pixels.height,
    readWindow: async (window, outWidth = window.w, outHeight = window.h) => {
      const whole = window.x === 0 && window.y === 0 && window.w === pixels.width && window.h === pixels.height;
      if (whole) checkWindow(window, pixels.width, pixels.height);
      const crop = whole ? pixels : cropRgba(pixels, window);
      return resampleRgba(crop, outWidth, outHeight);
    },
  };
}
