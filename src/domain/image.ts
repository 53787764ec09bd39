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
}

/** Decoded pixels, four bytes per pixel (RGBA), row by row. */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}
