import { describe, expect, it } from 'vitest';
import type { Detection } from '../../src/domain/detection';
import { intersectionOverSmaller, type BBox } from '../../src/domain/geometry';
import type { PixelWindow } from '../../src/domain/raster-source';
import { mergeTiledDetections, sameObject, shouldTile, tileGrid, type WindowedDetection } from '../../src/domain/tiling';

function coverage(width: number, height: number, windows: PixelWindow[]): Uint16Array {
  const counts = new Uint16Array(width * height);
  for (const { x, y, w, h } of windows) {
    for (let row = y; row < y + h; row++) for (let col = x; col < x + w; col++) counts[row * width + col]!++;
  }
  return counts;
}

describe('tileGrid', () => {
  it('cuts the 2048 × 2048 mosaic into 25 full 512 tiles at stride 410, the last ones moved inward', () => {
    const grid = tileGrid(2048, 2048, 512, 0.2);
    expect(grid).toHaveLength(25);
    expect([...new Set(grid.map((t) => t.x))]).toEqual([0, 410, 820, 1230, 1536]);
    expect([...new Set(grid.map((t) => t.y))]).toEqual([0, 410, 820, 1230, 1536]);
    expect(grid.every((t) => t.w === 512 && t.h === 512)).toBe(true);
    // Row by row.
    expect(grid.slice(0, 3).map((t) => [t.x, t.y])).toEqual([[0, 0], [410, 0], [820, 0]]);
  });

  it.each([
    [1000, 700, 256, 0.3],
    [2048, 2048, 512, 0],
    [513, 1500, 512, 0.2],
    [777, 333, 100, 0.9],
  ])('covers every pixel of %i × %i with full tiles of %i inside the image (overlap %f)', (width, height, tile, overlap) => {
    const grid = tileGrid(width, height, tile, overlap);
    const counts = coverage(width, height, grid);
    expect(counts.every((c) => c > 0)).toBe(true);
    for (const t of grid) {
      expect([t.w, t.h]).toEqual([Math.min(tile, width), Math.min(tile, height)]);
      expect(t.x >= 0 && t.y >= 0 && t.x + t.w <= width && t.y + t.h <= height).toBe(true);
    }
    // Neighbours overlap by at least what was asked, and by no more than needed except at the last step.
    const xs = [...new Set(grid.map((t) => t.x))];
    const stride = Math.round(tile * (1 - overlap));
    xs.slice(1).forEach((x, i) => expect(x - xs[i]!).toBeLessThanOrEqual(stride));
    xs.slice(1, -1).forEach((x, i) => expect(x - xs[i]!).toBe(stride));
  });

  it('tiles 1024 × 1024 into exactly four 512 tiles without overlap', () => {
    const grid = tileGrid(1024, 1024, 512, 0);
    expect(grid.map((t) => [t.x, t.y])).toEqual([[0, 0], [512, 0], [0, 512], [512, 512]]);
    expect(coverage(1024, 1024, grid).every((c) => c === 1)).toBe(true);
  });

  it('gives one window the size of an image no bigger than a tile, and full-height strips of a thin one', () => {
    expect(tileGrid(300, 200, 512, 0.2)).toEqual([{ x: 0, y: 0, w: 300, h: 200 }]);
    expect(tileGrid(512, 512, 512, 0.2)).toEqual([{ x: 0, y: 0, w: 512, h: 512 }]);
    const strip = tileGrid(1500, 300, 512, 0.2);
    expect(strip.map((t) => [t.x, t.y, t.w, t.h])).toEqual([[0, 0, 512, 300], [410, 0, 512, 300], [820, 0, 512, 300], [988, 0, 512, 300]]);
  });

  it('refuses nonsense', () => {
    expect(() => tileGrid(100, 100, 0, 0.2)).toThrow(RangeError);
    expect(() => tileGrid(100, 100, 64, 0.95)).toThrow(/overlap must be from 0 to 0.9/);
    expect(() => tileGrid(100, 100, 64, -0.1)).toThrow(RangeError);
    expect(() => tileGrid(0, 100, 64, 0.2)).toThrow(RangeError);
  });
});

describe('shouldTile', () => {
  it('tiles images more than twice the model input along either side', () => {
    expect(shouldTile(512, 512, 512)).toBe(false);
    expect(shouldTile(1024, 1024, 512)).toBe(false);
    expect(shouldTile(1025, 300, 512)).toBe(true);
    expect(shouldTile(300, 1025, 512)).toBe(true);
    expect(shouldTile(2048, 2048, 512)).toBe(true);
    expect(shouldTile(4000, 3000, { width: 640, height: 640 })).toBe(true);
    expect(shouldTile(640, 427, { width: 512, height: 512 })).toBe(false);
  });
});

const tileA: PixelWindow = { x: 0, y: 0, w: 512, h: 512 };
const tileB: PixelWindow = { x: 410, y: 0, w: 512, h: 512 };
const tileC: PixelWindow = { x: 0, y: 410, w: 512, h: 512 };
const tileD: PixelWindow = { x: 410, y: 410, w: 512, h: 512 };

const det = (label: string, score: number, box: BBox, window?: PixelWindow): WindowedDetection => ({
  label,
  classIndex: ['person', 'horse', 'cat', 'dog'].indexOf(label),
  score,
  box,
  ...(window ? { window } : {}),
});
const merge = (detections: WindowedDetection[]) => mergeTiledDetections(detections, { iouThreshold: 0.4 });
const rounded = (d: Detection) => [d.label, d.score, d.box.x, d.box.y, d.box.w, d.box.h];

describe('mergeTiledDetections', () => {
  it('joins the two halves of a person cut by a tile border into one box (union, best score)', () => {
    // Person at x 300–700: tile A sees x 300–512 (cut at its edge), tile B sees x 410–700.
    const left = det('person', 0.5, { x: 300, y: 100, w: 212, h: 300 }, tileA);
    const right = det('person', 0.6, { x: 410, y: 105, w: 290, h: 290 }, tileB);
    // As whole boxes they barely overlap: plain intersection over smaller would not join them.
    expect(intersectionOverSmaller(left.box, right.box)).toBeLessThan(0.5);
    expect(merge([left, right]).map(rounded)).toEqual([['person', 0.6, 300, 100, 400, 300]]);
  });

  it('joins the four quarters of a person cut by two borders', () => {
    // Measured on the mosaic's astronaut (x 308–669, y 309–812) with CenterNet, 512 tiles, overlap 0.2.
    const quarters = [
      det('person', 0.42, { x: 399, y: 315, w: 113, h: 195 }, tileA),
      det('person', 0.47, { x: 413, y: 315, w: 227, h: 196 }, tileB),
      det('person', 0.59, { x: 311, y: 410, w: 200, h: 397 }, tileC),
      det('person', 0.55, { x: 410, y: 417, w: 255, h: 395 }, tileD),
    ];
    expect(merge(quarters).map(rounded)).toEqual([['person', 0.59, 311, 315, 354, 497]]);
  });

  it('keeps two people standing apart as two, also across tiles', () => {
    const one = det('person', 0.7, { x: 100, y: 100, w: 80, h: 200 }, tileA);
    const two = det('person', 0.6, { x: 600, y: 100, w: 80, h: 200 }, tileB);
    expect(merge([one, two])).toHaveLength(2);
    // Two people side by side in the strip tile A and B share (x 410–512), their boxes touching by 10 px.
    const inB = det('person', 0.65, { x: 415, y: 100, w: 55, h: 200 }, tileB);
    const inA = det('person', 0.6, { x: 460, y: 100, w: 52, h: 200 }, tileA);
    expect(merge([inB, inA])).toHaveLength(2);
  });

  it('does not join boxes of different labels (a rider on a horse)', () => {
    const rider = det('person', 0.6, { x: 430, y: 50, w: 60, h: 150 }, tileA);
    const horse = det('horse', 0.7, { x: 400, y: 120, w: 300, h: 250 }, tileB);
    expect(sameObject(rider, horse, 0.5)).toBe(false);
    expect(merge([rider, horse]).map((d) => d.label).sort()).toEqual(['horse', 'person']);
  });

  it('never joins two boxes from the same tile: the model told them apart', () => {
    const adult = det('person', 0.8, { x: 100, y: 100, w: 200, h: 300 }, tileA);
    const child = det('person', 0.5, { x: 150, y: 250, w: 80, h: 140 }, tileA);
    expect(merge([adult, child])).toHaveLength(2);
  });

  it('lets class-agnostic NMS settle an object labelled differently in two tiles', () => {
    // Measured on the mosaic's cat: three tiles said cat (merged to this box), the back half alone said dog.
    const cat = det('cat', 0.53, { x: 251, y: 1452, w: 390, h: 292 });
    const dog = det('dog', 0.48, { x: 250, y: 1450, w: 258, h: 289 }, { x: 0, y: 1230, w: 512, h: 512 });
    expect(merge([dog, cat]).map((d) => d.label)).toEqual(['cat']);
  });

  it('does not let a sliver reaching into the shared strip join a neighbour', () => {
    // A person wholly in tile A poking 4 px into the strip shared with B, where B found someone else.
    const a = det('person', 0.6, { x: 300, y: 100, w: 114, h: 300 }, tileA);
    const b = det('person', 0.6, { x: 405, y: 100, w: 100, h: 300 }, tileB);
    expect(merge([a, b])).toHaveLength(2);
  });

  it('merges a whole-image-pass box with the tiles it spans', () => {
    const whole: PixelWindow = { x: 0, y: 0, w: 2048, h: 2048 };
    const merged = merge([
      det('person', 0.45, { x: 302, y: 301, w: 347, h: 514 }, whole),
      det('person', 0.59, { x: 311, y: 410, w: 200, h: 397 }, tileC),
      det('person', 0.55, { x: 410, y: 417, w: 255, h: 395 }, tileD),
    ]);
    expect(merged.map(rounded)).toEqual([['person', 0.59, 302, 301, 363, 514]]);
  });

  it('keeps a person apart from a whole-image-pass box around their whole group', () => {
    const group = det('person', 0.5, { x: 0, y: 0, w: 400, h: 300 }, { x: 0, y: 0, w: 2048, h: 2048 });
    const one = det('person', 0.7, { x: 50, y: 50, w: 60, h: 150 }, tileA);
    expect(merge([group, one])).toHaveLength(2);
  });

  it('compares whole boxes when there are no windows, and returns plain detections', () => {
    const big = det('cat', 0.9, { x: 0, y: 0, w: 100, h: 100 });
    const inside = det('cat', 0.4, { x: 30, y: 30, w: 60, h: 60 });
    const merged = merge([big, inside]);
    expect(merged.map(rounded)).toEqual([['cat', 0.9, 0, 0, 100, 100]]);
    expect(Object.keys(merged[0]!).sort()).toEqual(['box', 'classIndex', 'label', 'score']);
    expect(merge([])).toEqual([]);
  });
});
