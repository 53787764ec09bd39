// Copies of JPEG and PNG files without their metadata (EXIF with GPS, XMP, IPTC, comments, text chunks), the
// pixels untouched: segments and chunks are dropped, nothing is decoded or re-encoded.

export class StripError extends Error {
  override name = 'StripError';
}

/** JPEG APPn segments that carry image data a decoder needs, by marker and the identifier they start with. */
const KEEP_APP: Record<number, string> = { 0xe0: 'JFIF', 0xe2: 'ICC_PROFILE', 0xee: 'Adobe' };

const startsWith = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * A JPEG without EXIF, XMP, IPTC/Photoshop, comments and other application segments. JFIF, the ICC profile and
 * Adobe's colour-transform segment stay (decoders need them). When the EXIF held an orientation other than 1, a
 * minimal EXIF with only that orientation is written back, so the copy is shown the same way up.
 */
export function stripJpeg(bytes: Uint8Array, orientation = 1): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new StripError('not a JPEG (no start-of-image marker)');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  if (orientation >= 2 && orientation <= 8) kept.push(orientationSegment(orientation));
  let at = 2;
  for (;;) {
    if (at + 4 > bytes.length) throw new StripError(`truncated JPEG: a segment header at byte ${at} runs past the end`);
    if (bytes[at] !== 0xff) throw new StripError(`corrupt JPEG: no segment marker at byte ${at}`);
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda) {
      kept.push(bytes.subarray(at)); // start of scan: entropy-coded data and everything after it as it is
      break;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) throw new StripError(`corrupt JPEG: the segment at byte ${at} claims ${length} bytes, past the end`);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = marker === 0xfe ? false : isApp ? KEEP_APP[marker] !== undefined && startsWith(bytes, at + 4, KEEP_APP[marker]!) : true;
    if (keep) kept.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return concat(kept);
}

/** APP1 with a big-endian TIFF holding one IFD0 entry: Orientation. */
function orientationSegment(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat(tiff);
  const length = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
}

/** PNG chunks that carry metadata: text, compressed and international text, EXIF, modification time. */
const METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG without text, EXIF and time chunks; every other chunk (and its CRC) byte for byte. */
export function stripPng(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new StripError('not a PNG (no PNG signature)');
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new StripError(`truncated PNG: a chunk header at byte ${at} runs past the end`);
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) throw new StripError(`corrupt PNG: the chunk at byte ${at} claims ${length} bytes, past the end`);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!METADATA_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return concat(kept);
}

/** Formats whose metadata this can strip; BMP carries none. */
export function canStrip(mime: string): boolean {
  return mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/bmp';
}

/** The file without metadata, by MIME type; throws StripError for a format it cannot strip (TIFF, WebP, GIF). */
export function stripMetadata(bytes: Uint8Array, mime: string, orientation?: number): Uint8Array {
  if (mime === 'image/jpeg') return stripJpeg(bytes, orientation);
  if (mime === 'image/png') return stripPng(bytes);
  if (mime === 'image/bmp') return bytes;
  throw new StripError(`metadata cannot be stripped from ${mime} files yet (only JPEG and PNG)`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
