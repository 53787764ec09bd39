// Redaction of regions (faces, persons, labelled boxes such as number plates) in copies of images: blurred or
// pixelated beyond recognition. Works on decoded RGBA pixels; the original bytes are never touched.
import type { BBox } from '../geometry';
import type { RgbaPixels } from '../image';

export type RedactionMethod = 'blur' | 'pixelate';

/** What to hide: faces (the face detector), persons (the COCO detector), and boxes with these labels. */
export interface RedactionTargets {
  faces: boolean;
  persons: boolean;
  labels: string[];
}

export interface RedactionRegion {
  /** "face", "person" or the label of the box. */
  what: string;
  box: BBox;
}

/** Grown by this share of the box on each side: detectors draw faces tight, and hair or an ear identifies too. */
const MARGIN = 0.15;

/** The box grown by MARGIN on each side and clipped to the image, in whole pixels; null when nothing is left. */
export function paddedBox(box: BBox, width: number, height: number, margin = MARGIN): BBox | null {
  const x0 = Math.max(0, Math.floor(box.x - box.w * margin));
  const y0 = Math.max(0, Math.floor(box.y - box.h * margin));
  const x1 = Math.min(width, Math.ceil(box.x + box.w * (1 + margin)));
  const y1 = Math.min(height, Math.ceil(box.y + box.h * (1 + margin)));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/** Block size for pixelation: about 8 blocks across the region's shorter side, never under 6 pixels. */
const blockSize = (box: BBox) => Math.max(6, Math.round(Math.min(box.w, box.h) / 8));

/** Replaces each block of the region by its mean colour (in place). */
export function pixelate(pixels: RgbaPixels, box: BBox, size = blockSize(box)): void {
  const { data, width } = pixels;
  for (let by = box.y; by < box.y + box.h; by += size) {
    for (let bx = box.x; bx < box.x + box.w; bx += size) {
      const x1 = Math.min(bx + size, box.x + box.w);
      const y1 = Math.min(by + size, box.y + box.h);
      const sum = [0, 0, 0, 0];
      for (let y = by; y < y1; y++) for (let x = bx; x < x1; x++) for (let c = 0; c < 4; c++) sum[c]! += data[(y * width + x) * 4 + c]!;
      const n = (x1 - bx) * (y1 - by);
      for (let y = by; y < y1; y++) for (let x = bx; x < x1; x++) for (let c = 0; c < 4; c++) data[(y * width + x) * 4 + c] = Math.round(sum[c]! / n);
    }
  }
}

/**
 * A strong blur (three box-blur passes each way, close to a Gaussian) with a radius of a quarter of the region's
 * shorter side, then pixelated coarsely at a quarter of that, so the blur cannot be sharpened back into a face.
 */
export function blur(pixels: RgbaPixels, box: BBox): void {
  const radius = Math.max(4, Math.round(Math.min(box.w, box.h) / 4));
  for (let pass = 0; pass < 3; pass++) {
    boxBlurRows(pixels, box, radius);
    boxBlurColumns(pixels, box, radius);
  }
  pixelate(pixels, box, Math.max(2, Math.round(radius / 4)));
}

/** Mean over a sliding window along each row of the region, edges clamped to the region. */
function boxBlurRows({ data, width }: RgbaPixels, box: BBox, radius: number): void {
  const line = new Float64Array(box.w * 4);
  for (let y = box.y; y < box.y + box.h; y++) {
    const row = (y * width + box.x) * 4;
    for (let i = 0; i < box.w * 4; i++) line[i] = data[row + i]!;
    slideMean(line, box.w, radius, (x, c, v) => (data[row + x * 4 + c] = v));
  }
}

function boxBlurColumns({ data, width }: RgbaPixels, box: BBox, radius: number): void {
  const line = new Float64Array(box.h * 4);
  for (let x = box.x; x < box.x + box.w; x++) {
    for (let y = 0; y < box.h; y++) for (let c = 0; c < 4; c++) line[y * 4 + c] = data[((box.y + y) * width + x) * 4 + c]!;
    slideMean(line, box.h, radius, (y, c, v) => (data[((box.y + y) * width + x) * 4 + c] = v));
  }
}

function slideMean(line: Float64Array, n: number, radius: number, write: (i: number, c: number, value: number) => void): void {
  const at = (i: number, c: number) => line[Math.min(n - 1, Math.max(0, i)) * 4 + c]!;
  for (let c = 0; c < 4; c++) {
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += at(i, c);
    for (let i = 0; i < n; i++) {
      write(i, c, Math.round(sum / (2 * radius + 1)));
      sum += at(i + radius + 1, c) - at(i - radius, c);
    }
  }
}

/** Hides every region in place; returns the regions as padded and clipped (those with area). */
export function redactPixels(pixels: RgbaPixels, regions: readonly RedactionRegion[], method: RedactionMethod): RedactionRegion[] {
  const done: RedactionRegion[] = [];
  for (const region of regions) {
    const box = paddedBox(region.box, pixels.width, pixels.height);
    if (!box) continue;
    if (method === 'blur') blur(pixels, box);
    else pixelate(pixels, box);
    done.push({ what: region.what, box });
  }
  return done;
}

/** A short account for the audit log and the export summary: "2 faces, 1 plate". */
export function describeRegions(regions: readonly RedactionRegion[]): string {
  const counts = new Map<string, number>();
  for (const r of regions) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${n} ${what}${n === 1 ? '' : 's'}`).join(', ');
}
