import { describe, expect, it } from 'vitest';
import type { RgbaPixels } from '../../src/domain/image';
import { inputBoxToImage, placeInInput, toModelInput, wholeImageRead } from '../../src/domain/model-input';
import type { ModelInput, Preprocessing } from '../../src/domain/model-manifest';
import { resizeToRgbFloats } from '../../src/domain/raster';

/** w × h pixels, each (r, g, b) = (x, y, 7), opaque. */
function gradient(w: number, h: number): RgbaPixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 7, 255], (y * w + x) * 4);
  return { data, width: w, height: h };
}

const input = (width: number, height: number, layout: ModelInput['layout'] = 'NHWC'): ModelInput => ({ name: 'in', width, height, channels: 3, layout, dtype: 'float32' });
const pre = (p: Partial<Preprocessing> = {}): Preprocessing => ({ resize: 'stretch', scale: 1, offset: 0, colorOrder: 'RGB', ...p });

describe('placeInInput', () => {
  it('letterboxes as ultralytics does: scaled to fit, centred, sizes rounded', () => {
    expect(placeInInput(400, 328, 320, 320, 'letterbox')).toEqual({ source: { x: 0, y: 0, w: 400, h: 328 }, target: { x: 0, y: 29, w: 320, h: 262 } });
    expect(placeInInput(640, 427, 640, 640, 'letterbox').target).toEqual({ x: 0, y: 106, w: 640, h: 427 });
  });

  it('crops the centred part with the input aspect, as Teachable Machine does', () => {
    expect(placeInInput(640, 427, 224, 224, 'crop')).toEqual({ source: { x: 106, y: 0, w: 427, h: 427 }, target: { x: 0, y: 0, w: 224, h: 224 } });
  });

  it('maps a box in the input back to the image, for every resize', () => {
    const box = { x: 10, y: 40, w: 100, h: 50 };
    const letterbox = placeInInput(400, 328, 320, 320, 'letterbox');
    // Per axis, as the image was really resized: 400 → 320 across, 328 → 262 down.
    const back = inputBoxToImage(box, letterbox);
    expect(back.x).toBeCloseTo(12.5, 9);
    expect(back.w).toBeCloseTo(125, 9);
    expect(back.y).toBeCloseTo(((40 - 29) * 328) / 262, 9);
    expect(back.h).toBeCloseTo((50 * 328) / 262, 9);
    const crop = placeInInput(640, 427, 224, 224, 'crop');
    expect(inputBoxToImage({ x: 0, y: 0, w: 224, h: 224 }, crop)).toEqual({ x: 106, y: 0, w: 427, h: 427 });
  });
});

describe('toModelInput', () => {
  it('gives the bundled models exactly what they always got (stretch, RGB, NHWC, one scale and offset)', () => {
    const pixels = gradient(50, 30);
    expect(toModelInput(pixels, input(20, 20), pre({ scale: 1 / 255 })).data).toEqual(resizeToRgbFloats(pixels, 20, 20, 1 / 255, 0));
  });

  it('fills the letterbox padding with the pad value and puts the image in between', () => {
    const { data } = toModelInput(gradient(4, 2), input(4, 4), pre({ resize: 'letterbox', padValue: 114, scale: 1 / 255 }));
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3)).map((v) => Math.round(v * 255));
    expect(pixel(0, 0)).toEqual([114, 114, 114]);
    expect(pixel(3, 3)).toEqual([114, 114, 114]);
    expect(pixel(2, 1)).toEqual([2, 0, 7]);
    expect(pixel(3, 2)).toEqual([3, 1, 7]);
  });

  it('orders channels (BGR), normalises by mean and std, and lays out channels first (NCHW)', () => {
    const pixels = gradient(2, 2);
    const { data } = toModelInput(pixels, input(2, 2, 'NCHW'), pre({ colorOrder: 'BGR', scale: 1, offset: 0, mean: [7, 0, 0], std: [1, 1, 2] }));
    // Planes B, G, R; within a plane row by row. B = 7 − 7; G = y; R = x / 2.
    expect(Array.from(data)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0.5, 0, 0.5]);
  });
});

describe('wholeImageRead', () => {
  it('reads a large raster at about the input size with the aspect a letterbox keeps, stretched otherwise', () => {
    expect(wholeImageRead(20000, 10000, { width: 640, height: 640 }, 'letterbox')).toEqual({ window: { x: 0, y: 0, w: 20000, h: 10000 }, width: 640, height: 320 });
    expect(wholeImageRead(20000, 10000, { width: 640, height: 640 }, 'stretch')).toEqual({ window: { x: 0, y: 0, w: 20000, h: 10000 }, width: 640, height: 640 });
    expect(wholeImageRead(20000, 10000, { width: 224, height: 224 }, 'crop')).toEqual({ window: { x: 5000, y: 0, w: 10000, h: 10000 }, width: 224, height: 224 });
  });
});
