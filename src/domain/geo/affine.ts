import type { BBox } from '../geometry';

/**
 * Pixel ↔ map affine in GDAL's geotransform order, [x0, a, b, y0, d, e]:
 *
 *   X = x0 + a·col + b·row
 *   Y = y0 + d·col + e·row
 *
 * where (col, row) are continuous pixel-*corner* coordinates: (0, 0) is the outer top-left corner of the
 * top-left pixel, (width, height) the outer bottom-right corner, and pixel (i, j) has its centre at
 * (i + 0.5, j + 0.5). That is how the workbench's boxes are meant (x 300, w 512 spans the edges 300 and 812),
 * so a box's corners go through the transform as they are. North-up rasters have b = d = 0 and e < 0.
 * World files (which name the centre of the top-left pixel) and GeoTIFF PixelIsPoint are converted into
 * this convention where they are read (worldfile.ts, geotiff-tags.ts).
 */
export type GeoTransform = readonly [x0: number, a: number, b: number, y0: number, d: number, e: number];

export type Position = [number, number];

export class GeoTransformError extends Error {
  override name = 'GeoTransformError';
}

export function determinant(t: GeoTransform): number {
  return t[1] * t[5] - t[2] * t[4];
}

/** Throws unless all six terms are finite and the transform can be inverted (pixels of non-zero, finite area). */
export function checkTransform(t: GeoTransform): GeoTransform {
  if (t.length !== 6 || !t.every(Number.isFinite)) throw new GeoTransformError(`affine terms must be 6 finite numbers, got [${t.join(', ')}]`);
  const det = determinant(t);
  if (det === 0) throw new GeoTransformError(`affine [${t.join(', ')}] maps pixels to zero area (its determinant is 0)`);
  if (!Number.isFinite(det)) throw new GeoTransformError(`affine [${t.join(', ')}] cannot be inverted: its determinant overflows`);
  return t;
}

/** Within this many pixels a corner must come back through the inverse (well-formed transforms miss by ~1e-9). */
const ROUND_TRIP_PX = 0.01;

/**
 * Throws unless the transform takes every corner of a width × height raster to finite map coordinates and
 * those back to the same pixels: huge terms (a world file with 1e308) pass checkTransform but put the image at
 * infinity, where exports would write nulls.
 */
export function checkTransformFor(t: GeoTransform, width: number, height: number): GeoTransform {
  checkTransform(t);
  for (const [col, row] of [[0, 0], [width, 0], [0, height], [width, height]] as const) {
    const [x, y] = pixelToMap(t, col, row);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new GeoTransformError(`affine [${t.join(', ')}] puts pixel corner (${col}, ${row}) at (${x}, ${y}), not a finite position`);
    }
    const [c, r] = mapToPixel(t, x, y);
    if (!(Math.abs(c - col) <= ROUND_TRIP_PX && Math.abs(r - row) <= ROUND_TRIP_PX)) {
      throw new GeoTransformError(`affine [${t.join(', ')}] cannot be inverted reliably: pixel corner (${col}, ${row}) comes back as (${c}, ${r})`);
    }
  }
  return t;
}

export function pixelToMap(t: GeoTransform, col: number, row: number): Position {
  return [t[0] + t[1] * col + t[2] * row, t[3] + t[4] * col + t[5] * row];
}

export function mapToPixel(t: GeoTransform, x: number, y: number): Position {
  const det = determinant(t);
  const dx = x - t[0];
  const dy = y - t[3];
  return [(t[5] * dx - t[2] * dy) / det, (t[1] * dy - t[4] * dx) / det];
}

/** Map coordinates of a pixel's centre. */
export const pixelCentreToMap = (t: GeoTransform, col: number, row: number): Position => pixelToMap(t, col + 0.5, row + 0.5);

/**
 * A box's four corners through the affine, as a closed ring (5 positions, last = first): top-left, bottom-left,
 * bottom-right, top-right in pixels. Each corner is transformed, not only two, so a rotated raster's box comes
 * out as the rotated quadrilateral it is. The winding depends on the transform; see ensureCounterClockwise.
 */
export function boxToRing(t: GeoTransform, box: BBox): Position[] {
  const { x, y, w, h } = box;
  const corners = [pixelToMap(t, x, y), pixelToMap(t, x, y + h), pixelToMap(t, x + w, y + h), pixelToMap(t, x + w, y)];
  return [...corners, [corners[0]![0], corners[0]![1]]];
}

/** Twice the signed area of a closed ring (shoelace): positive when counter-clockwise with y pointing up. */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise (x east, y north). Reverses a clockwise ring. */
export function ensureCounterClockwise(ring: Position[]): Position[] {
  return signedArea2(ring) < 0 ? [...ring].reverse() : ring;
}
