import { describe, expect, it } from 'vitest';
import type { RgbaPixels } from '../../src/domain/image';
import { cropRgba, fullWindow, memoryRasterSource, resampleRgba } from '../../src/domain/raster-source';

/** width × height pixels whose R is x, G is y, B is x + y and alpha 200. */
function ramp(width: number, height: number): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x, y, x + y, 200], (y * width + x) * 4);
  }
  return { data, width, height };
}

const pixelAt = (p: RgbaPixels, x: number, y: number) => Array.from(p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

describe('memoryRasterSource', () => {
  const image = ramp(40, 30);
  const source = memoryRasterSource(image);

  it('has the image size and reads a window pixel for pixel, alpha kept', async () => {
    expect([source.width, source.height]).toEqual([40, 30]);
    const window = await source.readWindow({ x: 5, y: 7, w: 10, h: 4 });
    expect([window.width, window.height, window.data.length]).toEqual([10, 4, 160]);
    expect(pixelAt(window, 0, 0)).toEqual([5, 7, 12, 200]);
    expect(pixelAt(window, 9, 3)).toEqual([14, 10, 24, 200]);
  });

  it('reads the whole image as it is', async () => {
    const whole = await source.readWindow(fullWindow(source));
    expect(Array.from(whole.data)).toEqual(Array.from(image.data));
  });

  it('shrinks a window by area averaging, compositing alpha onto white', async () => {
    const opaque = memoryRasterSource({ ...ramp(4, 4), data: ramp(4, 4).data.map((v, i) => (i % 4 === 3 ? 255 : v)) });
    const small = await opaque.readWindow({ x: 0, y: 0, w: 4, h: 4 }, 2, 2);
    // Top-left 2 × 2 block: R 0,1,0,1 → 0.5 → rounds to 1 (half away from zero); G 0,0,1,1; B 0,1,1,2.
    expect(pixelAt(small, 0, 0)).toEqual([1, 1, 1, 255]);
    expect(pixelAt(small, 1, 1)).toEqual([3, 3, 5, 255]);
    const translucent = await source.readWindow({ x: 0, y: 0, w: 2, h: 2 }, 1, 1);
    // R averages 0.5 at alpha 200/255, composited onto white: 0.5 · 0.784 + 255 · 0.216 ≈ 55.4.
    expect(pixelAt(translucent, 0, 0)).toEqual([55, 55, 56, 255]);
  });

  it('refuses windows outside the image or not whole pixels', async () => {
    await expect(source.readWindow({ x: 35, y: 0, w: 10, h: 10 })).rejects.toThrow(RangeError);
    await expect(source.readWindow({ x: -1, y: 0, w: 10, h: 10 })).rejects.toThrow(/inside 40 × 30/);
    await expect(source.readWindow({ x: 0.5, y: 0, w: 10, h: 10 })).rejects.toThrow(RangeError);
    await expect(source.readWindow({ x: 0, y: 0, w: 0, h: 10 })).rejects.toThrow(RangeError);
    await expect(source.readWindow({ x: 0, y: 0, w: 10, h: 10 }, 0, 5)).rejects.toThrow(/output size/);
  });
});

describe('cropRgba and resampleRgba', () => {
  it('crop copies rows and leaves the source alone', () => {
    const image = ramp(8, 8);
    const crop = cropRgba(image, { x: 6, y: 6, w: 2, h: 2 });
    expect(pixelAt(crop, 1, 1)).toEqual([7, 7, 14, 200]);
    crop.data[0] = 99;
    expect(image.data[(6 * 8 + 6) * 4]).toBe(6);
  });

  it('resample to the same size returns the pixels untouched', () => {
    const image = ramp(3, 3);
    expect(resampleRgba(image, 3, 3)).toBe(image);
  });
});
