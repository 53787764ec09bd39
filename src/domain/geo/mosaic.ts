// An area read as one raster: a window that crosses the border between two files is filled from both, so the
// model sees an object cut by that border whole, as it would in one big orthophoto.
import type { Detection } from '../detection';
import { type BBox, intersection } from '../geometry';
import type { RgbaPixels } from '../image';
import { checkOutputSize, checkWindow, type PixelWindow, type RasterSource, resampleRgba } from '../raster-source';
import { tileGrid } from '../tiling';
import type { Area, AreaMember } from './area';

const memberRect = (m: AreaMember): BBox => ({ x: m.col, y: m.row, w: m.width, h: m.height });

/** Largest window read whole and then shrunk: beyond this a mosaic window is a mistake (the area is tiled). */
const MAX_RESAMPLED_PIXELS = 64_000_000;

/**
 * A RasterSource over an area's pixel grid. Ground no file covers reads white (what the detector sees as empty);
 * where files overlap, the earlier member's pixels win. `open` gives a member's own source (the caller decides
 * how many stay open at once).
 */
export function mosaicSource(area: Area, open: (member: AreaMember) => Promise<RasterSource>): RasterSource {
  return {
    width: area.width,
    height: area.height,
    async readWindow(window: PixelWindow, outWidth = window.w, outHeight = window.h): Promise<RgbaPixels> {
      checkWindow(window, area.width, area.height);
      checkOutputSize(outWidth, outHeight);
      if ((outWidth !== window.w || outHeight !== window.h) && window.w * window.h > MAX_RESAMPLED_PIXELS) {
        throw new RangeError(`a mosaic window of ${window.w} × ${window.h} px is too large to read whole; detect the area tile by tile`);
      }
      const data = new Uint8ClampedArray(window.w * window.h * 4).fill(255);
      // Later members first, so earlier ones are pasted over them where files overlap.
      for (const member of [...area.members].reverse()) {
        const part = clipToBoth(window, memberRect(member));
        if (!part) continue;
        const source = await open(member);
        const pixels = await source.readWindow({ x: part.x - member.col, y: part.y - member.row, w: part.w, h: part.h });
        for (let row = 0; row < part.h; row++) {
          const from = row * part.w * 4;
          data.set(pixels.data.subarray(from, from + part.w * 4), ((part.y - window.y + row) * window.w + (part.x - window.x)) * 4);
        }
      }
      return resampleRgba({ data, width: window.w, height: window.h }, outWidth, outHeight);
    },
  };
}

function clipToBoth(a: BBox, b: BBox): BBox | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}

/** Whether any file of the area lies under the window (tiles wholly over gaps are not run). */
export function windowCovered(area: Area, window: PixelWindow): boolean {
  return area.members.some((m) => intersection(window, memberRect(m)) > 0);
}

/** The area's tile grid (tileGrid over its whole rectangle) without the tiles over ground no file covers. */
export function areaWindows(area: Area, tileSize: number, overlap: number): PixelWindow[] {
  return tileGrid(area.width, area.height, tileSize, overlap).filter((w) => windowCovered(area, w));
}

/** A detection in an area, with the file it belongs to and its box in that file's pixels. */
export interface AreaDetection extends Detection {
  /** In area pixels. */
  box: BBox;
  imageSha256: string;
  /** In the owning file's pixels; reaches past its edge where the object straddles a border. */
  imageBox: BBox;
}

/**
 * The file an object belongs to: the one holding its box's centre (the earlier one where files overlap), else,
 * for a centre over a gap, the one sharing most of its box.
 */
export function ownerOf(area: Area, box: BBox): AreaMember {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const holding = area.members.find((m) => cx >= m.col && cx < m.col + m.width && cy >= m.row && cy < m.row + m.height);
  if (holding) return holding;
  let best = area.members[0]!;
  let most = -1;
  for (const m of area.members) {
    const shared = intersection(box, memberRect(m));
    if (shared > most) [best, most] = [m, shared];
  }
  return best;
}

/** Detections in area pixels, each given its owning file and its box there. */
export function assignOwners(area: Area, detections: readonly Detection[]): AreaDetection[] {
  return detections.map((d) => {
    const owner = ownerOf(area, d.box);
    return { ...d, imageSha256: owner.sha256, imageBox: { ...d.box, x: d.box.x - owner.col, y: d.box.y - owner.row } };
  });
}
