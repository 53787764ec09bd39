// PNG and JPEG decoding by libvips (sharp). Apart from decode-image.ts, which also opens TIFFs through geotiff.js:
// the reader thread imports this, and geotiff's web-worker shim takes over any worker thread that loads it.
import sharp, { type OutputInfo } from 'sharp';
import { applyOrientation, jpegOrientation } from '../domain/exif-orientation';
import { type ImageHeader, ImageInputError, MAX_DECODE_PIXELS, readImageHeader } from '../domain/image-header';
import type { DecodedImage } from './decode-image';

/**
 * decodeImage's checks and result, decoded by libvips (sharp) on libuv's thread pool instead of in JavaScript on
 * this thread: 3–6× faster here (`npm run bench -- node`), and the model can run meanwhile. 16-bit PNGs are
 * scaled to 8 bits, greyscale expanded to RGB, an embedded ICC profile converted to sRGB (as browsers do).
 */
export async function decodeImageFast(bytes: Uint8Array): Promise<DecodedImage> {
  const header = readImageHeader(bytes);
  if (header.format !== 'png' && header.format !== 'jpeg') unsupported(header);
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(bytes, { limitInputPixels: MAX_DECODE_PIXELS, failOn: 'error' })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageInputError(`corrupt ${header.format.toUpperCase()}: ${(error as Error).message}`, { cause: error });
  }
  const { data, info } = decoded;
  // A copy of libvips' buffer into one of JavaScript's own, which can be handed to another thread.
  const pixels = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
  if (info.channels !== 4 || pixels.width !== header.width || pixels.height !== header.height) {
    const sizes = `decoded ${pixels.width} × ${pixels.height} px in ${info.channels} channels, header says ${header.width} × ${header.height}`;
    throw new ImageInputError(`corrupt ${header.format.toUpperCase()}: ${sizes}`);
  }
  if (header.format === 'jpeg') return { header, pixels: applyOrientation(pixels, jpegOrientation(bytes)) };
  return { header, pixels };
}

function unsupported(header: ImageHeader): never {
  throw new ImageInputError(`${header.format.toUpperCase()} images are not supported by the command line yet (only PNG and JPEG)`);
}
