// An image blob as a RasterSource: TIFFs are read window by window (never decoded whole), other formats are
// decoded once by the browser.
import type { RgbaPixels } from '../domain/image';
import type { StretchPercentiles } from '../domain/stretch';
import { memoryRasterSource, type RasterSource } from '../domain/raster-source';
import { decodeToPixels } from './image-decode';

export interface BlobRaster {
  source: RasterSource;
  /** Decoded pixels when the browser decoded the whole image (not for TIFF). */
  pixels?: RgbaPixels;
}

export const isTiffType = (type: string) => type === 'image/tiff';

/** `stretch`: percentiles for rasters deeper than 8 bits (only TIFFs can be). */
export async function rasterOfBlob(blob: Blob, stretch?: StretchPercentiles): Promise<BlobRaster> {
  if (isTiffType(blob.type)) {
    const { TiffSource } = await import('./tiff-source');
    return { source: await TiffSource.fromBlob(blob, { stretch }) };
  }
  const pixels = await decodeToPixels(blob);
  return { source: memoryRasterSource(pixels), pixels };
}
