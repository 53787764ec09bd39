import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { StretchPercentiles } from '../domain/stretch';
import { applyOrientation, jpegOrientation } from '../domain/exif-orientation';
import type { RgbaPixels } from '../domain/image';
import { ImageInputError, type ImageHeader, MAX_DECODE_PIXELS, pngEnd, readImageHeader } from '../domain/image-header';
import { memoryRasterSource, type RasterSource } from '../domain/raster-source';
import { isTiff, TiffSource } from '../platform/tiff-source';
import { decodeImageFast } from './decode-fast';

export interface DecodedImage {
  header: ImageHeader;
  pixels: RgbaPixels;
}

/**
 * Checks the bytes with the same header reader the app uses (clear reasons for empty, foreign or truncated
 * files), then decodes PNG or JPEG to RGBA. Throws ImageInputError with a reason a person can act on.
 */
export function decodeImage(bytes: Uint8Array): DecodedImage {
  const header = readImageHeader(bytes);
  const decode = header.format === 'png' ? decodePng : header.format === 'jpeg' ? decodeJpeg : unsupported(header);
  const pixels = decode(bytes);
  if (pixels.width !== header.width || pixels.height !== header.height) {
    const sizes = `decoded ${pixels.width} × ${pixels.height} px, header says ${header.width} × ${header.height}`;
    throw new ImageInputError(`corrupt ${header.format.toUpperCase()}: ${sizes}`);
  }
  if (header.format === 'jpeg') return { header, pixels: applyOrientation(pixels, jpegOrientation(bytes)) };
  return { header, pixels };
}

export interface OpenedImage {
  source: RasterSource;
  /** Decoded whole (PNG, JPEG); absent for a TIFF, which is read window by window. */
  pixels?: RgbaPixels;
}

/**
 * Opens any image the command line reads. A TIFF (recognised by its bytes) goes to the TIFF reader, which
 * decodes window by window, so a raster far beyond MAX_DECODE_PIXELS still works; the rest are decoded whole.
 * `stretch`: percentiles for TIFFs deeper than 8 bits.
 */
export async function openImage(bytes: Uint8Array, stretch?: StretchPercentiles): Promise<OpenedImage> {
  if (isTiff(bytes)) {
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { source: await TiffSource.fromArrayBuffer(buffer as ArrayBuffer, { stretch }) };
  }
  const { pixels } = await decodeImageFast(bytes);
  return { source: memoryRasterSource(pixels), pixels };
}

function unsupported(header: ImageHeader): never {
  throw new ImageInputError(`${header.format.toUpperCase()} images are not supported by the command line yet (only PNG and JPEG)`);
}

// PNG.sync.read expands greyscale, palette and 16-bit images to 8-bit RGBA. It refuses bytes after IEND, which
// browsers (and the app) ignore: it gets the PNG up to its IEND chunk.
function decodePng(bytes: Uint8Array): RgbaPixels {
  const end = pngEnd(bytes) ?? bytes.byteLength;
  try {
    const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, end));
    return { data: png.data, width: png.width, height: png.height };
  } catch (error) {
    throw new ImageInputError(`corrupt PNG: ${(error as Error).message}`, { cause: error });
  }
}

function decodeJpeg(bytes: Uint8Array): RgbaPixels {
  try {
    const { data, width, height } = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_DECODE_PIXELS / 1e6,
      maxMemoryUsageInMB: 1024,
    });
    return { data, width, height };
  } catch (error) {
    throw new ImageInputError(`corrupt JPEG: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
