// Perceptual hash (64-bit DCT pHash) and near-duplicate groups. Resized, recompressed, slightly cropped or
// brightened copies of a photo keep most of its low-frequency structure, so their hashes differ in few bits;
// different photos differ in about half of them.
import type { RgbaPixels } from '../image';
import { resizeToRgbFloats } from '../raster';

const SIZE = 32;
const LOW = 8;

/** cos((2x + 1) u π / 2N) for x < 32, u < 8. */
const COS = (() => {
  const table = new Float64Array(LOW * SIZE);
  for (let u = 0; u < LOW; u++) for (let x = 0; x < SIZE; x++) table[u * SIZE + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE));
  return table;
})();

/**
 * 16 hex digits: the image shrunk to 32 × 32 grey (area average, transparency on white), its 2-D DCT, and one bit
 * per coefficient of the 8 × 8 lowest frequencies: set where the coefficient is above their median (the DC term
 * left out of the median, so overall brightness does not move it).
 */
export function perceptualHash(pixels: RgbaPixels): string {
  const rgb = resizeToRgbFloats(pixels, SIZE, SIZE);
  const grey = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  // Separable DCT, low frequencies only: rows first (32 rows × 8), then columns (8 × 8).
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SIZE; x++) sum += grey[y * SIZE + x]! * COS[u * SIZE + x]!;
      rows[y * LOW + u] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) sum += rows[y * LOW + u]! * COS[v * SIZE + y]!;
      coefficients[v * LOW + u] = sum;
    }
  }
  const median = medianOf(coefficients.subarray(1));
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (coefficients[nibble * 4 + bit]! > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const popcount = (n: number) => {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

const halves = (hex: string): [number, number] => [parseInt(hex.slice(0, 8), 16), parseInt(hex.slice(8, 16), 16)];

/** Bits in which two 64-bit hashes (16 hex digits) differ, 0–64. */
export function hammingDistance(a: string, b: string): number {
  const [a1, a2] = halves(a);
  const [b1, b2] = halves(b);
  return popcount((a1 ^ b1) >>> 0) + popcount((a2 ^ b2) >>> 0);
}

/** The threshold the gallery starts with: at most 10 of 64 bits apart. */
export const DEFAULT_MAX_DISTANCE = 10;

export const isPerceptualHash = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);

/**
 * Groups of near-duplicates: items joined when their hashes are at most `maxDistance` bits apart, and groups
 * joined through shared members (single linkage). Only groups of two or more; each group and the list of groups
 * in the order of the items given. Items without a hash are in no group.
 */
export function nearDuplicateGroups<T extends { phash?: string }>(items: readonly T[], maxDistance: number): T[][] {
  const hashed = items.filter((i) => isPerceptualHash(i.phash));
  const words = hashed.map((i) => halves(i.phash!));
  const parent = hashed.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < hashed.length; i++) {
    const [a1, a2] = words[i]!;
    for (let j = i + 1; j < hashed.length; j++) {
      const [b1, b2] = words[j]!;
      if (popcount((a1 ^ b1) >>> 0) + popcount((a2 ^ b2) >>> 0) <= maxDistance) {
        const [ri, rj] = [root(i), root(j)];
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  }
  const groups = new Map<number, T[]>();
  hashed.forEach((item, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(item);
    else groups.set(r, [item]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}
