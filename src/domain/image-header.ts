/** Recognises an image by its bytes (never by its file name), reads its size and spots truncation before any decoder runs. */

export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
  mime: string;
  width: number;
  height: number;
}

export class ImageInputError extends Error {
  override name = 'ImageInputError';
}

/** Whole-image decoding limit: 100 MP is 400 MB of RGBA, already a lot for a browser tab. */
export const MAX_DECODE_PIXELS = 100_000_000;

/** TIFF, little- or big-endian, classic or BigTIFF: read window by window elsewhere, never decoded whole. */
export function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const le = bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0;
  const be = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  return le || be;
}

const ascii = (b: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...b.subarray(start, start + length));

export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length === 0) throw new ImageInputError('empty file (0 bytes)');
  const header = sniff(bytes);
  const pixels = header.width * header.height;
  if (header.width < 1 || header.height < 1) {
    throw new ImageInputError(`${header.format.toUpperCase()} header gives an empty size (${header.width} × ${header.height})`);
  }
  if (pixels > MAX_DECODE_PIXELS) {
    throw new ImageInputError(
      `image too large to decode: ${header.width} × ${header.height} px (${Math.round(pixels / 1e6)} MP); ` +
        `the limit for a whole image is ${MAX_DECODE_PIXELS / 1e6} MP`,
    );
  }
  return header;
}

function sniff(b: Uint8Array): ImageHeader {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return png(b, view);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b, view);
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    if (b.length < 10) throw new ImageInputError('truncated GIF: header incomplete');
    return { format: 'gif', mime: 'image/gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webp(b, view);
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') {
    if (b.length < 26) throw new ImageInputError('truncated BMP: header incomplete');
    return { format: 'bmp', mime: 'image/bmp', width: view.getInt32(18, true), height: Math.abs(view.getInt32(22, true)) };
  }
  if (isTiff(b)) {
    throw new ImageInputError(
      'TIFF images cannot be opened as a whole image (only PNG, JPEG, GIF, WebP and BMP); they are read window by window instead',
    );
  }
  throw new ImageInputError(`not an image: unrecognised file signature (${describeStart(b)})`);
}

function describeStart(b: Uint8Array): string {
  const start = b.subarray(0, 8);
  const printable = start.every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127));
  if (printable) return `starts with text "${ascii(b, 0, Math.min(8, b.length)).replace(/\s+/g, ' ').trim()}"`;
  return `starts with bytes ${Array.from(start, (c) => c.toString(16).padStart(2, '0')).join(' ')}`;
}

function png(b: Uint8Array, view: DataView): ImageHeader {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') throw new ImageInputError('truncated PNG: no IHDR header chunk');
  if (b.length < 12 + 33 || pngEnd(b) === null) {
    throw new ImageInputError('truncated PNG: the file ends before its IEND chunk');
  }
  return { format: 'png', mime: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Where a PNG's last IEND chunk ends (its CRC included), or null without one. IEND is normally the last 12 bytes,
 * but some tools append data after it and browsers still open those files: a decoder gets the bytes up to here.
 */
export function pngEnd(b: Uint8Array): number | null {
  for (let i = b.length - 8; i >= 33; i--) {
    if (b[i] === 0x49 && b[i + 1] === 0x45 && b[i + 2] === 0x4e && b[i + 3] === 0x44 && ascii(b, i - 4, 4) === '\0\0\0\0') {
      return i + 8;
    }
  }
  return null;
}

const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(b: Uint8Array, view: DataView): ImageHeader {
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  while (offset + 4 <= b.length) {
    if (b[offset] !== 0xff) throw new ImageInputError(`corrupt JPEG: no marker at byte ${offset}`);
    const marker = b[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > b.length) break;
      size = { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    if (marker === 0xda) {
      if (!size) throw new ImageInputError('corrupt JPEG: image data starts before the frame header');
      if (!hasEndOfImage(b, offset + 2 + length)) {
        throw new ImageInputError('truncated JPEG: the file ends before its end-of-image marker');
      }
      return { format: 'jpeg', mime: 'image/jpeg', ...size };
    }
    offset += 2 + length;
  }
  throw new ImageInputError('truncated JPEG: the file ends inside its headers');
}

/** Scans the entropy-coded data for FF D9; FF 00 (stuffing) and FF D0–D7 (restart markers) are part of the data. */
function hasEndOfImage(b: Uint8Array, from: number): boolean {
  for (let i = b.indexOf(0xff, from); i !== -1 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd9) return true;
  }
  return false;
}

function webp(b: Uint8Array, view: DataView): ImageHeader {
  const riffSize = view.getUint32(4, true);
  if (b.length < riffSize + 8) throw new ImageInputError('truncated WebP: the file is shorter than its RIFF header says');
  const chunk = ascii(b, 12, 4);
  const base = { format: 'webp' as const, mime: 'image/webp' };
  if (chunk === 'VP8 ' && b.length >= 30) {
    return { ...base, width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = view.getUint32(21, true);
    return { ...base, width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    const read24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { ...base, width: read24(24) + 1, height: read24(27) + 1 };
  }
  throw new ImageInputError(`corrupt WebP: unknown chunk "${chunk}"`);
}
