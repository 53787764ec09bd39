import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './fixtures';

/**
 * The fixtures' 2048² mosaic cut into four adjacent GeoTIFFs with GDAL (tiled, DEFLATE, like survey orthophotos),
 * split at x 600 and y 500 so the astronaut lies across all four files, the horse across a.tif|b.tif and b.tif|d.tif
 * rows (y 250–578) and the cat across c.tif|d.tif (x 250–701). Written into a fresh temp folder; returns the paths.
 */
export const AREA_SPLIT = { x: 600, y: 500 };

export function makeAreaTiles(dir = mkdtempSync(join(tmpdir(), 'area-tiles-'))): string[] {
  const { x, y } = AREA_SPLIT;
  const windows: [string, number, number, number, number][] = [
    ['a.tif', 0, 0, x, y],
    ['b.tif', x, 0, 2048 - x, y],
    ['c.tif', 0, y, x, 2048 - y],
    ['d.tif', x, y, 2048 - x, 2048 - y],
  ];
  return windows.map(([name, ...srcwin]) => {
    const path = join(dir, name);
    const args = ['-q', '-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE', '-srcwin', ...srcwin.map(String), fixturePath('mosaic-utm32n.tif'), path];
    execFileSync('gdal_translate', args);
    return path;
  });
}
