// A PNG, JPEG, GIF, WebP or BMP as a RasterSource the browser decodes: the whole image read at the model's input
// size is decoded straight to that size (createImageBitmap resizes while decoding, off this thread), so a
// whole-image run never holds the full-size pixels nor resamples them in JavaScript. Other windows (tiles, a
// centred crop) come from one full decode, kept for the next window.
import type { RgbaPixels } from '../domain/image';
import { checkOutputSize, checkWindow, cropRgba, type PixelWindow, type RasterSource, resampleRgba } from '../domain/raster-source';
import { decodeToPixels, ImageDecodeError } from './image-decode';
import { giveBack, takeBuffer } from './pixel-buffers';

/** Chromium's "medium" is bilinear over mipmaps: within 1–2 levels of the engine's area average (`npm run bench`). */
const RESIZE_QUALITY: ResizeQuality = 'medium';

/** One canvas per output size, reused: the pixels of each read are copied out of it. */
const canvases = new Map<string, OffscreenCanvasRenderingContext2D>();

function contextOf(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const key = `${width}x${height}`;
  let context = canvases.get(key);
  if (!context) {
    const found = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!found) throw new ImageDecodeError('no 2D canvas available to read pixels');
    if (canvases.size >= 4) canvases.clear();
    canvases.set(key, (context = found));
  }
  return context;
}

/**
 * Pixels of a bitmap (closed afterwards). An opaque image is copied straight into a reused buffer (a VideoFrame
 * copy: 0.3 ms at 512 × 512 where the canvas's getImageData takes 3.5, most of it for its new array); an image with
 * transparency goes through a reused canvas, whose getImageData un-premultiplies as it always did.
 */
export async function pixelsOfBitmap(bitmap: ImageBitmap): Promise<RgbaPixels> {
  try {
    return (await opaquePixelsOf(bitmap)) ?? pixelsThroughCanvas(bitmap);
  } finally {
    bitmap.close();
  }
}

/** The bitmap's pixels where the browser copies frames to RGBA and every pixel is opaque; else undefined. */
async function opaquePixelsOf(bitmap: ImageBitmap): Promise<RgbaPixels | undefined> {
  if (typeof VideoFrame === 'undefined') return undefined;
  const { width, height } = bitmap;
  const data = takeBuffer(width * height * 4);
  let frame: VideoFrame | undefined;
  try {
    frame = new VideoFrame(bitmap, { timestamp: 0 });
    await frame.copyTo(data, { format: 'RGBA' });
  } catch {
    giveBack(data);
    return undefined;
  } finally {
    frame?.close();
  }
  if (isOpaque(data)) return { data, width, height };
  giveBack(data); // premultiplied where transparent: the canvas gives the straight values
  return undefined;
}

function isOpaque(data: Uint8ClampedArray): boolean {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  for (let i = 0; i < words.length; i++) if (words[i]! >>> 24 !== 255) return false;
  return true;
}

function pixelsThroughCanvas(bitmap: ImageBitmap): RgbaPixels {
  const { width, height } = bitmap;
  const context = contextOf(width, height);
  context.clearRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  const { data } = context.getImageData(0, 0, width, height);
  return { data, width, height };
}

/** `width` × `height`: the image's displayed size (EXIF orientation applied), as the image record holds it. */
export function bitmapRasterSource(blob: Blob, width: number, height: number): RasterSource {
  let full: Promise<RgbaPixels> | undefined;
  const decoded = () => (full ??= decodeToPixels(blob));
  return {
    width,
    height,
    async readWindow(window: PixelWindow, outWidth = window.w, outHeight = window.h): Promise<RgbaPixels> {
      checkWindow(window, width, height);
      checkOutputSize(outWidth, outHeight);
      const whole = window.x === 0 && window.y === 0 && window.w === width && window.h === height;
      if (whole && !full) {
        let bitmap: ImageBitmap;
        try {
          bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image', resizeWidth: outWidth, resizeHeight: outHeight, resizeQuality: RESIZE_QUALITY });
        } catch (error) {
          throw new ImageDecodeError(`the browser could not decode this ${blob.type || 'file'} (${(error as Error).message})`);
        }
        return pixelsOfBitmap(bitmap);
      }
      const pixels = await decoded();
      if (pixels.width !== width || pixels.height !== height) {
        throw new ImageDecodeError(`decoded ${pixels.width} × ${pixels.height} px where the image record says ${width} × ${height}`);
      }
      return resampleRgba(whole ? pixels : cropRgba(pixels, window), outWidth, outHeight);
    },
    recycle: (pixels) => giveBack(pixels.data),
  };
}
