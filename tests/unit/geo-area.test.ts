import { describe, expect, it } from 'vitest';
import { type GeoImage, groupAreas, unionArea } from '../../src/domain/geo/area';
import { areaWindows, assignOwners, mosaicSource } from '../../src/domain/geo/mosaic';
import { memoryRasterSource } from '../../src/domain/raster-source';
import { tileGrid } from '../../src/domain/tiling';

/** A file of the fixtures' mosaic layout: 0.2 m pixels, upper-left E 550000 N 5805000, EPSG:25832. */
function tile(name: string, col: number, row: number, width: number, height: number, over: Partial<{ epsg: number; size: number; shift: number }> = {}): GeoImage {
  const size = over.size ?? 0.2;
  const x0 = 550000 + col * 0.2 + (over.shift ?? 0);
  return {
    sha256: name.padEnd(64, '0'),
    fileName: name,
    width,
    height,
    georeference: { transform: [x0, size, 0, 5805000 - row * 0.2, 0, -size], crs: { epsg: over.epsg ?? 25832 }, source: 'geotiff' },
  };
}

/** The four tiles the e2e test cuts from the 2048² mosaic with gdal_translate -srcwin, split at x 600, y 500. */
const FOUR = [tile('a.tif', 0, 0, 600, 500), tile('b.tif', 600, 0, 1448, 500), tile('c.tif', 0, 500, 600, 1548), tile('d.tif', 600, 500, 1448, 1548)];

describe('areas', () => {
  it('puts four adjacent tiles on one 2048² grid, each at its offset, and measures the ground they cover', () => {
    const { areas, problems } = groupAreas([FOUR[3]!, FOUR[1]!, FOUR[0]!, FOUR[2]!]);
    expect(problems).toEqual([]);
    expect(areas).toHaveLength(1);
    const [area] = areas as [(typeof areas)[0]];
    expect([area.width, area.height]).toEqual([2048, 2048]);
    expect(area.members.map((m) => [m.fileName, m.col, m.row])).toEqual([['a.tif', 0, 0], ['b.tif', 600, 0], ['c.tif', 0, 500], ['d.tif', 600, 500]]);
    expect(area.transform).toEqual([550000, 0.2, 0, 5805000, 0, -0.2]);
    expect(area.coveredKm2).toBeCloseTo((2048 * 2048 * 0.04) / 1e6, 9);
    expect(area.hasGaps).toBe(false);
    expect(area.hasOverlaps).toBe(false);
    expect(groupAreas([...FOUR].reverse()).areas[0]!.key).toBe(area.key); // the same files, the same key
  });

  it('runs no tile over a gap, and says the area has one', () => {
    const [area] = groupAreas([FOUR[0]!, FOUR[1]!, FOUR[2]!]).areas;
    expect(area!.hasGaps).toBe(true);
    const windows = areaWindows(area!, 512, 0.2);
    expect(windows.length).toBeLessThan(tileGrid(2048, 2048, 512, 0.2).length);
    expect(windows.every((w) => w.x < 600 || w.y < 500)).toBe(true);
  });

  it('keeps files that do not touch apart, and counts overlapping ground once', () => {
    const far = tile('far.tif', 20_000, 0, 100, 100);
    const overlapping = tile('e.tif', 300, 0, 600, 500);
    const { areas } = groupAreas([FOUR[0]!, overlapping, far]);
    expect(areas.map((a) => a.members.map((m) => m.fileName))).toEqual([['a.tif', 'e.tif'], ['far.tif']]);
    expect(areas[0]!.hasOverlaps).toBe(true);
    expect(areas[0]!.coveredKm2).toBeCloseTo((900 * 500 * 0.04) / 1e6, 9);
    expect(unionArea([{ minX: 0, minY: 0, maxX: 2, maxY: 2 }, { minX: 1, minY: 1, maxX: 3, maxY: 3 }])).toBe(7);
  });

  it('refuses to join files in different CRSs on the same ground, naming both and both CRSs', () => {
    const utm33 = { ...tile('x.tif', 0, 0, 600, 500), georeference: { transform: [141_800, 0.2, 0, 5_817_820, 0, -0.2] as const, crs: { epsg: 25833 }, source: 'geotiff' as const } };
    const { areas, problems } = groupAreas([...FOUR, utm33]);
    expect(areas).toHaveLength(2);
    expect(problems.map((p) => p.reason)).toEqual([expect.stringMatching(/a\.tif \(EPSG:25832\) and x\.tif \(EPSG:25833\) cover the same ground in different CRSs/)]);
  });

  it('leaves a file off the area grid out, saying how to fix it: another pixel size, a shift by part of a pixel, no CRS', () => {
    const coarse = tile('coarse.tif', 600, 0, 100, 100, { size: 0.25 });
    const shifted = tile('shifted.tif', 600, 0, 100, 100, { shift: 0.1 });
    const noCrs = { ...tile('nocrs.jpg', 0, 600, 10, 10), georeference: { ...FOUR[0]!.georeference, crs: null } };
    const { areas, problems } = groupAreas([FOUR[0]!, coarse, shifted, noCrs]);
    expect(areas.map((a) => a.members.map((m) => m.fileName).join())).toEqual(['a.tif', 'coarse.tif', 'shifted.tif']);
    const reasons = problems.map((p) => p.reason).join('\n');
    expect(reasons).toMatch(/nocrs\.jpg names no CRS/);
    expect(reasons).toMatch(/coarse\.tif has 0\.25 × 0\.25 pixels, a\.tif 0\.2 × 0\.2: resample it .*gdalwarp -tr 0\.2 0\.2 -tap/);
    expect(reasons).toMatch(/shifted\.tif is shifted by a fraction of a pixel against a\.tif/);
    expect(areas.flatMap((a) => a.members).map((m) => m.fileName).sort()).toEqual(['a.tif', 'coarse.tif', 'shifted.tif']);
  });

  it('reads a window across file borders from every file under it, as the whole raster would give it', async () => {
    const pattern = (w: number, h: number, x0: number, y0: number) => {
      const data = new Uint8ClampedArray(w * h * 4);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([(x + x0) % 251, (y + y0) % 241, (x + x0 + y + y0) % 239, 255], (y * w + x) * 4);
      return { data, width: w, height: h };
    };
    const [area] = groupAreas(FOUR).areas;
    const sources = new Map(area!.members.map((m) => [m.sha256, memoryRasterSource(pattern(m.width, m.height, m.col, m.row))]));
    const mosaic = mosaicSource(area!, async (m) => sources.get(m.sha256)!);
    const window = { x: 550, y: 450, w: 100, h: 120 };
    const read = await mosaic.readWindow(window);
    expect(Array.from(read.data)).toEqual(Array.from(pattern(100, 120, 550, 450).data));
  });

  it('gives a straddling box to the file that holds its centre, in that file\'s pixels', () => {
    const [area] = groupAreas(FOUR).areas;
    const [person] = assignOwners(area!, [{ label: 'person', classIndex: 0, score: 0.6, box: { x: 310, y: 315, w: 355, h: 496 } }]);
    expect(person!.imageSha256).toBe('c.tif'.padEnd(64, '0')); // centre (487, 563) lies in c.tif (x < 600, y ≥ 500)
    expect(person!.imageBox).toEqual({ x: 310, y: -185, w: 355, h: 496 });
  });
});
