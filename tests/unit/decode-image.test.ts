import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ImageInputError } from '../../src/domain/image-header';
import { decodeImage } from '../../src/cli/decode-image';
import { readFixture } from '../helpers/fixtures';

const { PNG } = pngjs;

/** A 2 × 1 PNG written by pngjs with 16 bits per channel (values given as 16-bit host-order words). */
function png16(colorType: 0 | 6, words: number[]): Uint8Array {
  const png = new PNG({ width: 2, height: 1 });
  png.data = Buffer.from(new Uint16Array(words).buffer);
  const options = { bitDepth: 16, colorType, inputColorType: colorType, inputHasAlpha: colorType === 6 } as const;
  return new Uint8Array(PNG.sync.write(png, options));
}

const pixel = (data: ArrayLike<number>, i: number) => Array.from({ length: 4 }, (_, k) => data[i * 4 + k]);

describe('decodeImage', () => {
  it('decodes an RGB PNG to RGBA with opaque alpha', () => {
    const { header, pixels } = decodeImage(readFixture('astronaut.png'));
    expect(header.format).toBe('png');
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([512, 512, 512 * 512 * 4]);
    expect(pixels.data[3]).toBe(255);
  });

  it('expands a greyscale PNG to equal R, G and B', () => {
    const { pixels } = decodeImage(readFixture('camera.png'));
    expect(pixels.data.length).toBe(512 * 512 * 4);
    for (const i of [0, 1000, 131_071, 262_143]) {
      const [r, g, b, a] = pixel(pixels.data, i);
      expect([g, b, a]).toEqual([r, r, 255]);
    }
    expect(new Set(Array.from({ length: 1000 }, (_, i) => pixels.data[i * 1024])).size).toBeGreaterThan(10);
  });

  it('keeps the alpha of an RGBA PNG', () => {
    const { pixels } = decodeImage(readFixture('horse.png'));
    // horse.png is opaque except for a few anti-aliased corner pixels; the first is white at alpha 110.
    expect(pixel(pixels.data, 0)).toEqual([255, 255, 255, 110]);
    const translucent = Array.from({ length: pixels.width * pixels.height }, (_, i) => pixels.data[i * 4 + 3]).filter((a) => a !== 255);
    expect(translucent).toHaveLength(12);
  });

  it('scales 16-bit PNGs down to 8 bits', () => {
    const grey = decodeImage(png16(0, [0x0000, 0xffff])).pixels;
    expect([...pixel(grey.data, 0), ...pixel(grey.data, 1)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    const rgba = decodeImage(png16(6, [0x1000, 0x2000, 0x3000, 0xffff, 0xffff, 0x8000, 0, 0x8000])).pixels;
    expect([...pixel(rgba.data, 0), ...pixel(rgba.data, 1)]).toEqual([16, 32, 48, 255, 255, 128, 0, 128]);
  });

  it('decodes a JPEG to RGBA', () => {
    const { header, pixels } = decodeImage(readFixture('rocket.jpg'));
    expect(header.format).toBe('jpeg');
    expect([pixels.width, pixels.height, pixels.data.length]).toEqual([640, 427, 640 * 427 * 4]);
    expect(pixels.data[3]).toBe(255);
  });

  it('passes on the header reader’s reasons', () => {
    expect(() => decodeImage(new Uint8Array(0))).toThrow('empty file (0 bytes)');
    const half = readFixture('rocket.jpg').slice(0, 50_000);
    expect(() => decodeImage(half)).toThrow('truncated JPEG');
  });

  it('reports a PNG with damaged pixel data as corrupt', () => {
    const bytes = readFixture('horse.png').slice();
    bytes.fill(0x55, 2000, 2200); // inside IDAT (1071–16620): header and IEND intact
    expect(() => decodeImage(bytes)).toThrow(ImageInputError);
    expect(() => decodeImage(bytes)).toThrow(/^corrupt PNG: /);
  });

  it('says which formats it can decode', () => {
    const gif = Uint8Array.from([...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0, 0, 0]);
    expect(() => decodeImage(gif)).toThrow('GIF images are not supported by the command line yet (only PNG and JPEG)');
  });
});
