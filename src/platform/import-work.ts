// The per-file work of an import (hashing, checking the bytes, decoding a thumbnail), written once and run in
// the import worker, or on the page where no worker can start.
import type { Georeference } from '../domain/geo/georeference';
import { isTiff, readImageHeader } from '../domain/image-header';
import type { StretchPercentiles } from '../domain/stretch';
import { sha256OfBlob } from './hash-blob';
import { inspectImage } from './image-decode';
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
  /** How the preview was made when it is not the whole image shrunk (a sample of a raster without overviews). */
  previewNote?: string;
}

export interface ImportWork {
  /** SHA-256 of the file, read in chunks for large ones (which report how far they got). */
  hash(file: Blob, onProgress?: (done: number, total: number) => void): Promise<string>;
  /** Checks the bytes (format, truncation, size limits) and makes the thumbnail (and a preview for TIFF, under `stretch`). */
  inspect(file: Blob, stretch?: StretchPercentiles): Promise<InspectedFile>;
}

export const importWork: ImportWork = {
  hash: (file, onProgress) => sha256OfBlob(file, onProgress),

  async inspect(file, stretch) {
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
  },
};
