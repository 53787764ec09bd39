// An image blob as a RasterSource: TIFFs are read window by window (never decoded whole), other formats are
// decoded by the browser.
import type { RgbaPixels } from '../domain/image';
import type { StretchPercentiles } from '../domain/stretch';
import { memoryRasterSource, type RasterSource } from '../domain/raster-source';
import { bitmapRasterSource } from './bitmap-source';
import { decodeToPixels } from './image-decode';

export interface BlobRaster {
  source: RasterSource;
  /** Decoded pixels when the browser decoded the whole image (not for TIFF). */
  pixels?: RgbaPixels;
}

export const isTiffType = (type: string) => type === 'image/tiff';

/** `stretch`: percentiles for rasters deeper than 8 bits (only TIFFs can be). Other formats are decoded whole now. */
export async function rasterOfBlob(blob: Blob, stretch?: StretchPercentiles): Promise<BlobRaster> {
  if (isTiffType(blob.type)) return { source: await tiffSource(blob, stretch) };
  const pixels = await decodeToPixels(blob);
  return { source: memoryRasterSource(pixels), pixels };
}

/**
 * For a model run: nothing is decoded until a window is read, and the whole image read at the model's size is
 * decoded straight to that size. `size` is the image's displayed size, from its record.
 */
export async function rasterForRun(blob: Blob, size: { width: number; height: number }, stretch?: StretchPercentiles): Promise<RasterSource> {
  if (isTiffType(blob.type)) return tiffSource(blob, stretch);
  return bitmapRasterSource(blob, size.width, size.height);
}

async function tiffSource(blob: Blob, stretch: StretchPercentiles | undefined): Promise<RasterSource> {
  const { TiffSource } = await import('./tiff-source');
  return TiffSource.fromBlob(blob, { stretch });
}
