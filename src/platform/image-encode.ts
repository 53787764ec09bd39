import type { RgbaPixels } from '../domain/image';

/** Formats a redacted copy can be written back in, keeping the file's type (and so its name) as it was. */
export const REENCODABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Encodes pixels with the browser's encoder (OffscreenCanvas): JPEG and WebP at quality 0.92, PNG lossless. No metadata is written. */
export async function encodePixels(pixels: RgbaPixels, mime: string): Promise<Uint8Array> {
  if (!REENCODABLE.has(mime)) throw new Error(`cannot write ${mime} files (only JPEG, PNG and WebP)`);
  const canvas = new OffscreenCanvas(pixels.width, pixels.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas available to encode pixels');
  const data = new Uint8ClampedArray(pixels.data.buffer as ArrayBuffer, pixels.data.byteOffset, pixels.data.length);
  context.putImageData(new ImageData(data, pixels.width, pixels.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: mime, quality: 0.92 });
  if (blob.type !== mime) throw new Error(`this browser cannot write ${mime} files`);
  return new Uint8Array(await blob.arrayBuffer());
}
