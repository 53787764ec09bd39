// Import-time work for TIFFs, which browsers cannot show: size, a thumbnail and a display preview, read from
// overviews or in bands so a huge raster is never decoded whole.
import type { Georeference } from '../domain/geo/georeference';
import type { RgbaPixels } from '../domain/image';
import type { StretchPercentiles } from '../domain/stretch';
import { fitWithin, type InspectedImage } from './image-decode';

/** Longest side of the preview the viewer shows; boxes are drawn in full-resolution coordinates over it. */
export const TIFF_PREVIEW_SIZE = 2048;

async function encode(pixels: RgbaPixels, width: number, height: number): Promise<Blob> {
  const image = new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  const bitmap = await createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.85 });
}

export interface InspectedTiff extends InspectedImage {
  preview: Blob;
  /** Set when the raster has no overview small enough and its preview was made from a sample of its blocks. */
  previewNote?: string;
  /** Bits per sample (8 for most photos and orthophotos; 16 or 32 for data the stretch maps to 0–255). */
  bitsPerSample: number;
  /** From the GeoTIFF tags; null when there are none, an Error when they do not parse (pixels still work). */
  georeference: Georeference | null | Error;
}

/** Reads the TIFF through its Blob by byte ranges, so import does not hold a second copy of a large file. */
export async function inspectTiff(blob: Blob, stretch?: StretchPercentiles): Promise<InspectedTiff> {
  const { TiffSource } = await import('./tiff-source');
  const source = await TiffSource.fromBlob(blob, { stretch });
  const [pw, ph] = fitWithin(source.width, source.height, TIFF_PREVIEW_SIZE);
  const { pixels, sampled } = await source.readPreview(pw, ph);
  const [tw, th] = fitWithin(source.width, source.height, 256);
  const [preview, thumbnail] = await Promise.all([encode(pixels, pw, ph), encode(pixels, tw, th)]);
  let georeference: Georeference | null | Error;
  try {
    georeference = source.georeference();
  } catch (error) {
    georeference = error instanceof Error ? error : new Error(String(error));
  }
  const previewNote = sampled && sampledNote(sampled.blocksRead, sampled.blocksTotal);
  return { width: source.width, height: source.height, bitsPerSample: source.info.bitsPerSample, thumbnail, preview, georeference, ...(previewNote ? { previewNote } : {}) };
}

function sampledNote(read: number, total: number): string {
  const share = (100 * read) / total;
  return `made from ${read} of its ${total.toLocaleString('en')} blocks (${share < 1 ? share.toFixed(2) : Math.round(share)} %): the file has no overviews (gdaladdo adds them); zoom in for full detail`;
}
