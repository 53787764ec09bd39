import { describe, expect, it } from 'vitest';
import {
  boxToRing,
  checkTransform,
  ensureCounterClockwise,
  type GeoTransform,
  mapToPixel,
  pixelCentreToMap,
  pixelToMap,
  signedArea2,
} from '../../src/domain/geo/affine';

// The mosaic's transform: upper-left corner E 550000 N 5805000, 0.2 m pixels, north up.
const MOSAIC: GeoTransform = [550000, 0.2, 0, 5805000, 0, -0.2];

describe('geotransform (GDAL order, pixel-corner convention)', () => {
  it('puts pixel corner (0, 0) at the origin and pixel centre (0, 0) half a pixel inside', () => {
    expect(pixelToMap(MOSAIC, 0, 0)).toEqual([550000, 5805000]);
    const [x, y] = pixelCentreToMap(MOSAIC, 0, 0);
    expect(x).toBeCloseTo(550000.1, 9);
    expect(y).toBeCloseTo(5804999.9, 9);
    const [xe, ye] = pixelToMap(MOSAIC, 2048, 2048);
    expect(xe).toBeCloseTo(550409.6, 9);
    expect(ye).toBeCloseTo(5804590.4, 9);
  });

  it('inverts: map → pixel → map, also with rotation terms', () => {
    // 30° rotation, 0.5 m pixels: a = s·cos, b = s·sin, d = s·sin, e = −s·cos.
    const s = 0.5;
    const c = Math.cos(Math.PI / 6);
    const n = Math.sin(Math.PI / 6);
    const rotated: GeoTransform = [1000, s * c, s * n, 2000, s * n, -s * c];
    for (const t of [MOSAIC, rotated]) {
      const [col, row] = mapToPixel(t, ...pixelToMap(t, 123.25, 456.5));
      expect(col).toBeCloseTo(123.25, 6);
      expect(row).toBeCloseTo(456.5, 6);
    }
    // One pixel along a row moves (a, d), one pixel down a column moves (b, e).
    const [x0, y0] = pixelToMap(rotated, 0, 0);
    const [x1, y1] = pixelToMap(rotated, 1, 0);
    const [x2, y2] = pixelToMap(rotated, 0, 1);
    const close = (got: number[], want: number[]) => got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    close([x1 - x0, y1 - y0], [s * c, s * n]);
    close([x2 - x0, y2 - y0], [s * n, -s * c]);
  });

  it('refuses a degenerate or non-finite transform', () => {
    expect(() => checkTransform([0, 1, 1, 0, 1, 1])).toThrow(/determinant is 0/);
    expect(() => checkTransform([0, 1, 0, NaN, 0, -1])).toThrow(/6 finite numbers/);
  });
});

describe('box → polygon ring', () => {
  it('maps the astronaut box (x 300–812, y 300–812) to E 550060–550162.4, N 5804940–5804837.6, closed', () => {
    const ring = boxToRing(MOSAIC, { x: 300, y: 300, w: 512, h: 512 });
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    const xs = ring.map(([x]) => x);
    const ys = ring.map(([, y]) => y);
    expect(Math.min(...xs)).toBeCloseTo(550060, 6);
    expect(Math.max(...xs)).toBeCloseTo(550162.4, 6);
    expect(Math.max(...ys)).toBeCloseTo(5804940, 6);
    expect(Math.min(...ys)).toBeCloseTo(5804837.6, 6);
  });

  it('transforms all four corners, so a rotated raster gives a rotated quadrilateral', () => {
    const rotated: GeoTransform = [0, 0, 1, 0, 1, 0]; // 90°: columns run north, rows run east
    const ring = boxToRing(rotated, { x: 10, y: 20, w: 4, h: 2 });
    expect(ring.slice(0, 4)).toEqual([
      [20, 10],
      [22, 10],
      [22, 14],
      [20, 14],
    ]);
  });

  it('makes rings counter-clockwise whatever the transform does to the winding', () => {
    const northUp = boxToRing(MOSAIC, { x: 0, y: 0, w: 10, h: 10 });
    const flipped = boxToRing([0, 1, 0, 0, 0, 1], { x: 0, y: 0, w: 10, h: 10 }); // rows growing north
    expect(Math.sign(signedArea2(northUp))).not.toBe(Math.sign(signedArea2(flipped)));
    for (const ring of [northUp, flipped]) {
      const ccw = ensureCounterClockwise(ring);
      expect(signedArea2(ccw)).toBeGreaterThan(0);
      expect(ccw[0]).toEqual(ccw[4]);
    }
    expect(signedArea2([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBe(2);
  });
});
