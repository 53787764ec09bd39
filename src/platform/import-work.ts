// The per-file work of an import (hashing, checking the bytes, decoding a thumbnail), written once and run in
// the import worker, or on the page where no worker can start.
import type { FileHashes } from '../domain/evidence/hash-list';
import { type ImageExif, readMetadata } from '../domain/evidence/metadata';
import { perceptualHash } from '../domain/evidence/phash';
import type { Georeference } from '../domain/geo/georeference';
import { isTiff, readImageHeader } from '../domain/image-header';
import type { StretchPercentiles } from '../domain/stretch';
import { hashesOfBlob } from './hash-blob';
import { decodeToPixels, inspectImage } from './image-decode';
import { inspectTiff } from './tiff-inspect';

export interface InspectedFile {
  /** MIME type from the bytes, not from the file name. */
  type: string;
  width: number;
  height: number;
  thumbnail: Blob;
  preview?: Blob;
  georeference?: Georeference;
  /** A GeoTIFF whose tags do not parse: the image still imports, without georeference. */
  georeferenceProblem?: string;
  /** EXIF, GPS, XMP and IPTC facts; a block that could not be read is named in its `problem`. */
  exif: ImageExif;
  /** Perceptual hash of the thumbnail (absent when the thumbnail could not be read back). */
  phash?: string;
  /** How the preview was made when it is not the whole image shrunk (a sample of a raster without overviews). */
  previewNote?: string;
  /** TIFFs: bits per sample. */
  bitsPerSample?: number;
}

export interface ImportWork {
  /** MD5, SHA-1 and SHA-256 of the file in one pass, read in chunks (large files report how far they got). */
  hash(file: Blob, onProgress?: (done: number, total: number) => void): Promise<Required<FileHashes>>;
  /**
   * Checks the bytes (format, truncation, size limits), makes the thumbnail (and a preview for TIFF, under
   * `stretch`), reads the metadata and hashes the thumbnail perceptually.
   */
  inspect(file: Blob, stretch?: StretchPercentiles): Promise<InspectedFile>;
}

export const importWork: ImportWork = {
  hash: (file, onProgress) => hashesOfBlob(file, onProgress),

  async inspect(file, stretch) {
    const inspected = await inspectPixels(file, stretch);
    const [exif, phash] = await Promise.all([readMetadata(file), thumbnailHash(inspected.thumbnail)]);
    return { ...inspected, exif, ...(phash ? { phash } : {}) };
  },
};

async function thumbnailHash(thumbnail: Blob): Promise<string | undefined> {
  try {
    return perceptualHash(await decodeToPixels(thumbnail));
  } catch {
    return undefined; // near-duplicate search leaves it out; nothing else depends on it
  }
}

async function inspectPixels(file: Blob, stretch?: StretchPercentiles): Promise<Omit<InspectedFile, 'exif' | 'phash'>> {
  if (isTiff(new Uint8Array(await file.slice(0, 8).arrayBuffer()))) {
    const tiff = await inspectTiff(file.slice(0, file.size, 'image/tiff'), stretch);
    const { georeference, ...rest } = tiff;
    return {
      type: 'image/tiff',
      ...rest,
      ...(georeference instanceof Error ? { georeferenceProblem: georeference.message } : georeference ? { georeference } : {}),
    };
  }
  // The header check reads the whole file: truncation shows only at its end.
  const header = readImageHeader(new Uint8Array(await file.arrayBuffer()));
  const inspected = await inspectImage(file.slice(0, file.size, header.mime));
  return { type: header.mime, ...inspected };
}
