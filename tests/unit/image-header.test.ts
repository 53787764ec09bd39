import { describe, expect, it } from 'vitest';
import { ImageInputError, readImageHeader } from '../../src/domain/image-header';
import { readFixture } from '../helpers/fixtures';

/** A syntactically whole PNG (signature, IHDR, IEND) that claims the given size but holds no pixels. */
function fakePng(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(8 + 25 + 12);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  view.setUint32(8, 13);
  bytes.set(new TextEncoder().encode('IHDR'), 12);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 2, 0, 0, 0], 24); // 8-bit RGB
  view.setUint32(33, 0);
  bytes.set(new TextEncoder().encode('IEND'), 37);
  return bytes;
}

const half = (bytes: Uint8Array) => bytes.slice(0, Math.floor(bytes.length / 2));

describe('readImageHeader on real files', () => {
  it.each([
    ['astronaut.png', 'png', 'image/png', 512, 512], // RGB
    ['camera.png', 'png', 'image/png', 512, 512], // greyscale
    ['horse.png', 'png', 'image/png', 400, 328], // RGBA
    ['chelsea.png', 'png', 'image/png', 451, 300],
    ['rocket.jpg', 'jpeg', 'image/jpeg', 640, 427],
  ])('%s is %s, %i × %i', (name, format, mime, width, height) => {
    expect(readImageHeader(readFixture(name))).toEqual({ format, mime, width, height });
  });

  it('accepts a PNG with bytes appended after IEND, as browsers do', () => {
    const png = readFixture('horse.png');
    const withTrailer = new Uint8Array(png.length + 100);
    withTrailer.set(png);
    withTrailer.set(new TextEncoder().encode('trailing data from some camera tool'), png.length);
    expect(readImageHeader(withTrailer)).toMatchObject({ format: 'png', width: 400, height: 328 });
  });
});

describe('readImageHeader refuses bad input with a clear reason', () => {
  const reason = (bytes: Uint8Array) => {
    try {
      readImageHeader(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(ImageInputError);
      return (error as Error).message;
    }
    throw new Error('expected readImageHeader to throw');
  };

  it('an empty file', () => {
    expect(reason(new Uint8Array(0))).toBe('empty file (0 bytes)');
  });

  it('a text file', () => {
    expect(reason(new TextEncoder().encode('hello, this is not a picture\n'))).toBe(
      'not an image: unrecognised file signature (starts with text "hello, t")',
    );
  });

  it('binary junk, shown as bytes', () => {
    expect(reason(Uint8Array.from([0, 1, 2, 250, 251, 252, 253, 254, 255]))).toBe(
      'not an image: unrecognised file signature (starts with bytes 00 01 02 fa fb fc fd fe)',
    );
  });

  it('a JPEG cut in half', () => {
    expect(reason(half(readFixture('rocket.jpg')))).toBe('truncated JPEG: the file ends before its end-of-image marker');
  });

  it('a JPEG cut inside its headers', () => {
    expect(reason(readFixture('rocket.jpg').slice(0, 100))).toBe('truncated JPEG: the file ends inside its headers');
  });

  it('a PNG cut in half', () => {
    expect(reason(half(readFixture('astronaut.png')))).toBe('truncated PNG: the file ends before its IEND chunk');
  });

  it('a PNG cut before its header chunk ends', () => {
    expect(reason(readFixture('astronaut.png').slice(0, 20))).toBe('truncated PNG: no IHDR header chunk');
  });

  it('a PNG header claiming 20000 × 20000 px', () => {
    expect(reason(fakePng(20000, 20000))).toBe(
      'image too large to decode: 20000 × 20000 px (400 MP); the limit for a whole image is 100 MP',
    );
  });

  it('a PNG header claiming zero width', () => {
    expect(reason(fakePng(0, 10))).toBe('PNG header gives an empty size (0 × 10)');
  });

  it('a TIFF, which is recognised and sent to the window-by-window reader', () => {
    expect(reason(readFixture('mosaic-utm32n.tif'))).toMatch(/^TIFF images cannot be opened as a whole image .*read window by window/);
  });

  it('accepts the fake header at an allowed size, so the size is what failed above', () => {
    expect(readImageHeader(fakePng(10000, 10000))).toMatchObject({ format: 'png', width: 10000, height: 10000 });
  });
});
