// Areas: georeferenced images that share a CRS and touch or overlap, read as one mosaic on a common pixel grid,
// so detection runs across the borders between files (a survey office's folder of 1 km orthophoto tiles).
import { type GeoTransform, pixelToMap, type Position } from './affine';
import { type Crs, crsLabel, type Georeference } from './georeference';
import { isGeographic, toWgs84 } from './reproject';

export interface GeoImage {
  sha256: string;
  fileName: string;
  width: number;
  height: number;
  georeference: Georeference;
}

/** One file of an area, placed on the area's pixel grid: its pixel (0, 0) is the area's (col, row). */
export interface AreaMember {
  sha256: string;
  fileName: string;
  width: number;
  height: number;
  col: number;
  row: number;
}

export interface Area {
  /** Stable for the same set of files: names the area's runs and checkpoints. */
  key: string;
  crs: Crs;
  /** Area pixel → map, north-up, the members' pixel size. */
  transform: GeoTransform;
  width: number;
  height: number;
  /** By file name; where files overlap, the earlier one's pixels are read. */
  members: AreaMember[];
  /** Ground the files cover (overlaps counted once), in square kilometres when the CRS is in metres. */
  coveredKm2: number;
  /** The bounding rectangle holds ground no file covers. */
  hasGaps: boolean;
  /** Some files cover the same ground. */
  hasOverlaps: boolean;
}

/** Something a person should know about how the images were grouped, naming the files. */
export interface AreaProblem {
  files: string[];
  reason: string;
}

export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The map extent of an image (its four corners through the affine). */
export function footprintExtent(image: Pick<GeoImage, 'width' | 'height' | 'georeference'>): Extent {
  const [x0, a, b, y0, d, e] = image.georeference.transform;
  const xs = [0, image.width].flatMap((c) => [0, image.height].map((r) => x0 + a * c + b * r));
  const ys = [0, image.width].flatMap((c) => [0, image.height].map((r) => y0 + d * c + e * r));
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

const touches = (p: Extent, q: Extent, tolerance: number) =>
  p.minX <= q.maxX + tolerance && q.minX <= p.maxX + tolerance && p.minY <= q.maxY + tolerance && q.minY <= p.maxY + tolerance;

const crsKey = (crs: Crs) => ('epsg' in crs ? `EPSG:${crs.epsg}` : `WKT:${crs.wkt}`);

const isNorthUp = (t: GeoTransform) => t[2] === 0 && t[4] === 0 && t[1] > 0 && t[5] < 0;

/** Share of a pixel by which files may miss a common grid and still be read as one (rounding in their headers). */
const GRID_TOLERANCE_PX = 0.01;
/** Relative difference in pixel size still taken as the same size (decimal rounding in world files). */
const SIZE_TOLERANCE = 1e-6;

/** Why `image` cannot join an area on `reference`'s pixel grid, or null when it can. */
function gridMismatch(reference: GeoImage, image: GeoImage): string | null {
  const r = reference.georeference.transform;
  const t = image.georeference.transform;
  if (!isNorthUp(t)) return `${image.fileName} is rotated or not north-up: an area is read on one north-up pixel grid; warp it north-up (gdalwarp) to detect it with its neighbours`;
  const size = (g: GeoTransform) => `${formatSize(g[1])} × ${formatSize(-g[5])}`;
  if (Math.abs(t[1] - r[1]) > SIZE_TOLERANCE * Math.abs(r[1]) || Math.abs(t[5] - r[5]) > SIZE_TOLERANCE * Math.abs(r[5])) {
    return `${image.fileName} has ${size(t)} pixels, ${reference.fileName} ${size(r)}: resample it to the same grid (gdalwarp -tr ${formatSize(r[1])} ${formatSize(-r[5])} -tap) to detect them as one area`;
  }
  const dc = (t[0] - r[0]) / r[1];
  const dr = (t[3] - r[3]) / r[5];
  if (Math.abs(dc - Math.round(dc)) > GRID_TOLERANCE_PX || Math.abs(dr - Math.round(dr)) > GRID_TOLERANCE_PX) {
    return `${image.fileName} is shifted by a fraction of a pixel against ${reference.fileName} (${(dc % 1).toFixed(2)}, ${(dr % 1).toFixed(2)} px): align it to the same grid (gdalwarp -tap) to detect them as one area`;
  }
  return null;
}

const formatSize = (v: number) => String(Number(Math.abs(v).toPrecision(6)));

/** A short, stable key for a set of images (FNV-1a over their sorted hashes): an id, not evidence. */
export function areaKey(sha256s: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const char of [...sha256s].sort().join('|')) {
    const c = char.charCodeAt(0);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `area-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** Ground covered by a union of rectangles, overlaps counted once (slabs between the x edges). */
export function unionArea(rects: readonly Extent[]): number {
  const xs = [...new Set(rects.flatMap((r) => [r.minX, r.maxX]))].sort((a, b) => a - b);
  let total = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const [x1, x2] = [xs[i]!, xs[i + 1]!];
    const spans = rects.filter((r) => r.minX <= x1 && r.maxX >= x2).map((r) => [r.minY, r.maxY] as const).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let run: [number, number] | null = null;
    for (const [lo, hi] of spans) {
      if (!run || lo > run[1]) {
        if (run) covered += run[1] - run[0];
        run = [lo, hi];
      } else run[1] = Math.max(run[1], hi);
    }
    if (run) covered += run[1] - run[0];
    total += covered * (x2 - x1);
  }
  return total;
}

function buildArea(crs: Crs, images: readonly GeoImage[]): Area {
  if (images.length === 1) {
    const [image] = images as [GeoImage];
    return { ...gridArea(crs, images), transform: image.georeference.transform };
  }
  return gridArea(crs, images);
}

/** The area on the members' common north-up grid (one member: its own grid, whatever its rotation). */
function gridArea(crs: Crs, images: readonly GeoImage[]): Area {
  const ordered = [...images].sort((p, q) => p.fileName.localeCompare(q.fileName) || p.sha256.localeCompare(q.sha256));
  const [, a, , , , e] = ordered[0]!.georeference.transform;
  const minX = Math.min(...ordered.map((i) => i.georeference.transform[0]));
  const maxY = Math.max(...ordered.map((i) => i.georeference.transform[3]));
  const members = ordered.map((i) => ({
    sha256: i.sha256,
    fileName: i.fileName,
    width: i.width,
    height: i.height,
    col: Math.round((i.georeference.transform[0] - minX) / a) || 0, // never -0
    row: Math.round((i.georeference.transform[3] - maxY) / e) || 0,
  }));
  const width = Math.max(...members.map((m) => m.col + m.width));
  const height = Math.max(...members.map((m) => m.row + m.height));
  const rects = members.map((m) => ({ minX: m.col, minY: m.row, maxX: m.col + m.width, maxY: m.row + m.height }));
  const coveredPx = unionArea(rects);
  const sumPx = members.reduce((s, m) => s + m.width * m.height, 0);
  const t = ordered[0]!.georeference.transform;
  const pixelArea = Math.abs(t[1] * t[5] - t[2] * t[4]);
  return {
    key: areaKey(members.map((m) => m.sha256)),
    crs,
    transform: [minX, a, 0, maxY, 0, e],
    width,
    height,
    members,
    coveredKm2: (coveredPx * pixelArea * squareMetresPerUnit(crs, maxY + (e * height) / 2)) / 1e6,
    hasGaps: coveredPx < width * height,
    hasOverlaps: coveredPx < sumPx,
  };
}

/** Square metres in one square unit of the CRS: 1 for metres; for degrees, at the given latitude (close enough for progress). */
function squareMetresPerUnit(crs: Crs, latitude: number): number {
  if (!isGeographic(crs)) return 1;
  const metresPerDegree = 111_320;
  return metresPerDegree * metresPerDegree * Math.cos((latitude * Math.PI) / 180);
}

/** Splits touching images into groups (union-find over their extents). */
function touchingGroups(images: readonly GeoImage[]): GeoImage[][] {
  const extents = images.map(footprintExtent);
  const parent = images.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < images.length; i++) {
    const tolerance = 0.5 * Math.abs(images[i]!.georeference.transform[1]);
    for (let j = i + 1; j < images.length; j++) if (touches(extents[i]!, extents[j]!, tolerance)) parent[find(i)] = find(j);
  }
  const groups = new Map<number, GeoImage[]>();
  images.forEach((image, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), image]));
  return [...groups.values()];
}

/**
 * Groups images into areas: same CRS, touching or overlapping, on one north-up pixel grid (same pixel size,
 * whole-pixel offsets). A file that touches an area but is off its grid is left out of it, named in a problem
 * that says how to fix it, and forms areas of its own with what matches it. Images without a CRS are named too.
 * Every image with a CRS ends in exactly one area (an image alone is an area of one file).
 */
export function groupAreas(images: readonly GeoImage[]): { areas: Area[]; problems: AreaProblem[] } {
  const problems: AreaProblem[] = [];
  const byCrs = new Map<string, { crs: Crs; images: GeoImage[] }>();
  for (const image of images) {
    const { crs } = image.georeference;
    if (!crs) {
      problems.push({ files: [image.fileName], reason: `${image.fileName} names no CRS: set its EPSG code to place it in an area` });
      continue;
    }
    const entry = byCrs.get(crsKey(crs)) ?? byCrs.set(crsKey(crs), { crs, images: [] }).get(crsKey(crs))!;
    entry.images.push(image);
  }
  const areas: Area[] = [];
  for (const { crs, images: inCrs } of byCrs.values()) {
    let pending = touchingGroups(inCrs);
    while (pending.length > 0) {
      const next: GeoImage[][] = [];
      for (const group of pending) {
        const ordered = [...group].sort((p, q) => p.fileName.localeCompare(q.fileName));
        const reference = ordered.find((i) => isNorthUp(i.georeference.transform));
        if (!reference) {
          // Rotated files only: each is read on its own grid.
          for (const image of ordered) areas.push(buildArea(crs, [image]));
          if (ordered.length > 1) problems.push({ files: ordered.map((i) => i.fileName), reason: `${ordered.map((i) => i.fileName).join(', ')} are rotated: each is detected on its own; warp them north-up (gdalwarp) to detect them as one area` });
          continue;
        }
        const fits: GeoImage[] = [];
        const off: GeoImage[] = [];
        for (const image of ordered) {
          const why = image === reference ? null : gridMismatch(reference, image);
          if (why) {
            problems.push({ files: [image.fileName, reference.fileName], reason: why });
            off.push(image);
          } else fits.push(image);
        }
        if (fits.length > 0) areas.push(buildArea(crs, fits));
        if (off.length > 0) next.push(...touchingGroups(off));
      }
      pending = next;
    }
  }
  problems.push(...crsClashes(areas));
  return { areas, problems };
}

/** An area's extent in WGS 84 degrees (its corners reprojected), or null where its CRS cannot be reprojected here. */
function lonLatExtent(area: Area): Extent | null {
  let project: (p: Position) => Position;
  try {
    project = toWgs84(area.crs);
  } catch {
    return null;
  }
  try {
    const corners = [0, area.width].flatMap((c) => [0, area.height].map((r) => project(pixelToMap(area.transform, c, r))));
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
  } catch {
    return null;
  }
}

/**
 * Areas in different CRSs are never one mosaic, even where their files cover the same ground: that is refused,
 * naming the files and both CRSs (the user reprojects one set). Compared in WGS 84, where both can be reprojected.
 */
function crsClashes(areas: readonly Area[]): AreaProblem[] {
  const extents = areas.map(lonLatExtent);
  const problems: AreaProblem[] = [];
  for (let i = 0; i < areas.length; i++) {
    for (let j = i + 1; j < areas.length; j++) {
      const [p, q] = [areas[i]!, areas[j]!];
      if (crsKey(p.crs) === crsKey(q.crs) || !extents[i] || !extents[j] || !touches(extents[i]!, extents[j]!, 0)) continue;
      const [a, b] = [p.members[0]!.fileName, q.members[0]!.fileName];
      problems.push({
        files: [a, b],
        reason: `${a} (${crsLabel(p.crs)}) and ${b} (${crsLabel(q.crs)}) cover the same ground in different CRSs: they are detected as separate areas; reproject one set (gdalwarp -t_srs ${crsLabel(p.crs)}) to detect them as one`,
      });
    }
  }
  return problems;
}

export const areaLabel = (area: Area) =>
  `${area.members.length} file${area.members.length === 1 ? '' : 's'}, ${crsLabel(area.crs)}, ${area.width} × ${area.height} px`;
