import type { ImageReviewStatus } from './annotation';
import type { ImageExif } from './evidence/metadata';
import type { Georeference } from './geo/georeference';

/** An imported image. Its identity is the SHA-256 of its bytes: the same bytes twice are one image. */
export interface ImageRecord {
  sha256: string;
  fileName: string;
  /** MIME type as sniffed from the bytes, not as the file name claims. */
  type: string;
  width: number;
  height: number;
  bytes: number;
  importedAt: string;
  /** Where the image lies on the map: from GeoTIFF tags, or a world file (+ .prj) imported with it. */
  georeference?: Georeference;
  /** How far a person got reviewing its annotations (absent: unreviewed). */
  review?: ImageReviewStatus;
  /** MD5 and SHA-1 of the bytes, for known-file hash sets (absent on images imported before they were computed). */
  md5?: string;
  sha1?: string;
  /** 64-bit DCT perceptual hash of the thumbnail, 16 hex digits, for near-duplicates (absent: not computed yet). */
  phash?: string;
  /** EXIF, GPS, XMP and IPTC facts read at import (absent: not read yet; `{ blocks: [] }`: the file has none). */
  exif?: ImageExif;
  /** Set when the stored preview is not the whole image shrunk: how it was made (a sample of a huge raster). */
  previewNote?: string;
  /** TIFFs: bits per sample; deeper than 8 they are stretched to 0–255 (absent on TIFFs imported before it was kept). */
  bitsPerSample?: number;
}

/** Whether the 16-bit stretch applies to the image: a TIFF deeper than 8 bits, or one imported before depth was kept. */
export const mayBeDeep = (image: ImageRecord) => image.type === 'image/tiff' && (image.bitsPerSample === undefined || image.bitsPerSample > 8);

/** Decoded pixels, four bytes per pixel (RGBA), row by row. */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}
