import type { RgbaPixels } from './image';

/**
 * Reads the EXIF Orientation tag (1–8) of a JPEG, 1 when absent. Browsers apply it when decoding, so the
 * CLI must too, or its boxes would not match the app's on phone photos.
 */
export function jpegOrientation(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let offset = 2;
  while (offset + 4 <= b.length && b[offset] === 0xff) {
    const marker = b[offset + 1]!;
    const length = view.getUint16(offset + 2);
    if (marker === 0xda) break; // image data starts: no EXIF after this
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(offset + 4, offset + 8)) === 'Exif') {
      return tiffOrientation(view, offset + 10, offset + 2 + length);
    }
    offset += 2 + length;
  }
  return 1;
}

function tiffOrientation(view: DataView, tiff: number, end: number): number {
  if (tiff + 8 > end) return 1;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > end) return 1;
  const entries = view.getUint16(ifd0, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > end) break;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Turns stored pixels into displayed pixels for an EXIF orientation (2–8 flip and/or rotate). */
export function applyOrientation(pixels: RgbaPixels, orientation: number): RgbaPixels {
  if (orientation < 2 || orientation > 8) return pixels;
  const { width: w, height: h, data } = pixels;
  const swaps = orientation >= 5;
  const outW = swaps ? h : w;
  const outH = swaps ? w : h;
  const out = new Uint8ClampedArray(outW * outH * 4);
  const source: Record<number, (x: number, y: number) => [number, number]> = {
    2: (x, y) => [w - 1 - x, y],
    3: (x, y) => [w - 1 - x, h - 1 - y],
    4: (x, y) => [x, h - 1 - y],
    5: (x, y) => [y, x],
    6: (x, y) => [y, h - 1 - x],
    7: (x, y) => [w - 1 - y, h - 1 - x],
    8: (x, y) => [w - 1 - y, x],
  };
  const from = source[orientation]!;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const [sx, sy] = from(x, y);
      const s = (sy * w + sx) * 4;
      const o = (y * outW + x) * 4;
      out[o] = data[s]!;
      out[o + 1] = data[s + 1]!;
      out[o + 2] = data[s + 2]!;
      out[o + 3] = data[s + 3]!;
    }
  }
  return { data: out, width: outW, height: outH };
}
