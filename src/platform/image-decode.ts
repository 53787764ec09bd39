// Browser image decoding (main thread and workers): createImageBitmap applies EXIF orientation and decodes off the main thread.
import type { RgbaPixels } from '../domain/image';

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

async function bitmapOf(blob: Blob, options?: ImageBitmapOptions): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(blob, { imageOrientation: 'from-image', ...options });
  } catch (error) {
    throw new ImageDecodeError(`the browser could not decode this ${blob.type || 'file'} (${(error as Error).message})`);
  }
}

export async function decodeToPixels(blob: Blob): Promise<RgbaPixels> {
  const bitmap = await bitmapOf(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new ImageDecodeError('no 2D canvas available to read pixels');
    context.drawImage(bitmap, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { data, width, height };
  } finally {
    bitmap.close();
  }
}

/** Size of width × height shrunk (never enlarged) so that its longer side is at most `max`. */
export function fitWithin(width: number, height: number, max: number): readonly [number, number] {
  const scale = Math.min(1, max / Math.max(width, height));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

export interface InspectedImage {
  width: number;
  height: number;
  thumbnail: Blob;
  /** What the viewer shows instead of the original, for formats browsers cannot display. */
  preview?: Blob;
}

/** Decodes once to learn the displayed size (EXIF orientation applied) and makes a WebP thumbnail. */
export async function inspectImage(blob: Blob, thumbnailSize = 256): Promise<InspectedImage> {
  const full = await bitmapOf(blob);
  const { width, height } = full;
  full.close();
  const [tw, th] = fitWithin(width, height, thumbnailSize);
  const small = await bitmapOf(blob, { resizeWidth: tw, resizeHeight: th, resizeQuality: 'medium' });
  try {
    const canvas = new OffscreenCanvas(tw, th);
    canvas.getContext('2d')?.drawImage(small, 0, 0);
    const thumbnail = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
    return { width, height, thumbnail };
  } finally {
    small.close();
  }
}
