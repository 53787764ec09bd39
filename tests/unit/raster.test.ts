import { describe, expect, it } from 'vitest';
import type { RgbaPixels } from '../../src/domain/image';
import { resizeToRgbFloats } from '../../src/domain/raster';

/** Builds opaque RGBA pixels from RGB triples, row by row. */
function opaque(width: number, height: number, rgb: number[]): RgbaPixels {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return { data, width, height };
}

describe('resizeToRgbFloats', () => {
  it('returns the exact values at the same size, dropping alpha', () => {
    const rgb = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180];
    expect(Array.from(resizeToRgbFloats(opaque(3, 2, rgb), 3, 2))).toEqual(rgb);
  });

  it('averages the area when shrinking 2×2 to 1×1', () => {
    const pixels = opaque(2, 2, [0, 0, 0, 100, 200, 40, 20, 40, 60, 80, 160, 100]);
    expect(Array.from(resizeToRgbFloats(pixels, 1, 1))).toEqual([50, 100, 50]);
  });

  it('averages whole blocks when shrinking 4×1 to 2×1', () => {
    const pixels = opaque(4, 1, [0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255]);
    expect(Array.from(resizeToRgbFloats(pixels, 2, 1))).toEqual([50, 50, 50, 227.5, 227.5, 227.5]);
  });

  it('interpolates bilinearly with half-pixel centres when enlarging 2×1 to 4×1', () => {
    const pixels = opaque(2, 1, [0, 0, 0, 100, 200, 40]);
    const red = Array.from(resizeToRgbFloats(pixels, 4, 1)).filter((_, i) => i % 3 === 0);
    expect(red).toEqual([0, 25, 75, 100]);
  });

  it('keeps a flat colour flat in both directions', () => {
    const pixels = opaque(3, 3, Array.from({ length: 27 }, (_, i) => [12, 34, 56][i % 3]!));
    const up = resizeToRgbFloats(pixels, 7, 5);
    const down = resizeToRgbFloats(pixels, 2, 2);
    for (const out of [up, down]) {
      for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo([12, 34, 56][i % 3]!, 4);
    }
  });

  it('composites transparent pixels onto white', () => {
    const data = Uint8Array.from([0, 0, 0, 0, 255, 0, 0, 51]); // fully transparent black; red at alpha 0.2
    const out = Array.from(resizeToRgbFloats({ data, width: 2, height: 1 }, 2, 1));
    expect(out.slice(0, 3)).toEqual([255, 255, 255]);
    expect(out[3]).toBeCloseTo(255, 4);
    expect(out[4]).toBeCloseTo(204, 4);
    expect(out[5]).toBeCloseTo(204, 4);
  });

  it('maps each value v to v × scale + offset', () => {
    const pixels = opaque(2, 1, [0, 255, 127, 255, 0, 51]);
    const out = Array.from(resizeToRgbFloats(pixels, 2, 1, 2 / 255, -1)); // BlazeFace's [-1, 1]
    const expected = [-1, 1, 254 / 255 - 1, 1, -1, 102 / 255 - 1];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('works on a Uint8ClampedArray as a canvas gives it', () => {
    const data = new Uint8ClampedArray([10, 20, 30, 255]);
    expect(Array.from(resizeToRgbFloats({ data, width: 1, height: 1 }, 1, 1))).toEqual([10, 20, 30]);
  });
});

describe('resizeToRgbFloats at the same size', () => {
  it('gives exactly the float32 of (v · alpha + white) · scale + offset, opaque or not (the table is no approximation)', () => {
    const data = new Uint8ClampedArray(256 * 4 * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 4)) & 255;
    for (let p = 3; p < data.length; p += 4) if ((p >> 2) % 3) data[p] = 255; // two pixels in three opaque
    const pixels = { data, width: 256, height: 3 };
    for (const [scale, offset] of [[1, 0], [1 / 127.5, -1], [1 / 255, 0], [0.017, -2.1]] as const) {
      const out = resizeToRgbFloats(pixels, 256, 3, scale, offset);
      const expected = new Float32Array(out.length);
      for (let p = 0, o = 0; p < data.length; p += 4, o += 3) {
        const alpha = data[p + 3]! / 255;
        const white = 255 * (1 - alpha);
        for (let c = 0; c < 3; c++) expected[o + c] = (data[p + c]! * alpha + white) * scale + offset;
      }
      expect(Buffer.from(out.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    }
  });
});

describe('resizeToRgbFloats into a reused array', () => {
  it('overwrites every value of the array it is given with what a new array would hold, and returns that array', () => {
    const data = new Uint8ClampedArray(8 * 2 * 4).map((_, i) => (i * 53) & 255);
    const pixels = { data, width: 8, height: 2 };
    const into = new Float32Array(8 * 2 * 3).fill(Number.NaN); // what an earlier image left
    const out = resizeToRgbFloats(pixels, 8, 2, 1 / 255, 0, into);
    expect(out).toBe(into);
    expect(Array.from(out)).toEqual(Array.from(resizeToRgbFloats(pixels, 8, 2, 1 / 255, 0)));
  });

  it('refuses an array of another size', () => {
    const pixels = { data: new Uint8ClampedArray(4 * 4), width: 2, height: 2 };
    expect(() => resizeToRgbFloats(pixels, 2, 2, 1, 0, new Float32Array(11))).toThrow(/11 floats cannot hold 4 RGB pixels/);
  });
});
