import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { applyOrientation, jpegOrientation } from '../../src/domain/exif-orientation';
import { readFixture } from '../helpers/fixtures';

/** rocket.jpg with an EXIF APP1 segment (big-endian TIFF, one IFD0 entry: Orientation) inserted after SOI. */
function withOrientation(orientation: number): Uint8Array {
  const jpeg = readFixture('rocket.jpg');
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  return Uint8Array.from([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
}

const pixelAt = (p: { data: ArrayLike<number>; width: number }, x: number, y: number) =>
  Array.from({ length: 4 }, (_, c) => p.data[(y * p.width + x) * 4 + c]);

describe('EXIF orientation', () => {
  it('is 1 for a JPEG without the tag, and read from APP1 when present', () => {
    expect(jpegOrientation(readFixture('rocket.jpg'))).toBe(1);
    for (const o of [3, 6, 8]) expect(jpegOrientation(withOrientation(o))).toBe(o);
  });

  it('the CLI decoder shows a rotated phone photo upright, as the browser does', () => {
    const stored = decodeImage(readFixture('rocket.jpg')).pixels;
    const shown = decodeImage(withOrientation(6)).pixels; // rotate 90° clockwise to display
    expect([shown.width, shown.height]).toEqual([427, 640]);
    expect(pixelAt(shown, 426, 0)).toEqual(pixelAt(stored, 0, 0)); // top-left goes to top-right
    expect(pixelAt(shown, 0, 639)).toEqual(pixelAt(stored, 639, 426)); // bottom-right goes to bottom-left
  });

  it('every orientation maps a 3 × 2 image as the EXIF specification draws it', () => {
    const data = Uint8ClampedArray.from({ length: 24 }, (_, i) => (i % 4 === 0 ? i / 4 : 255));
    const image = { data, width: 3, height: 2 }; // red channel numbers the pixels 0 1 2 / 3 4 5
    const reds = (o: number) => {
      const out = applyOrientation(image, o);
      return Array.from({ length: out.width * out.height }, (_, i) => out.data[i * 4]);
    };
    expect(reds(1)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(reds(2)).toEqual([2, 1, 0, 5, 4, 3]);
    expect(reds(3)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(reds(4)).toEqual([3, 4, 5, 0, 1, 2]);
    expect(reds(5)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(reds(6)).toEqual([3, 0, 4, 1, 5, 2]);
    expect(reds(7)).toEqual([5, 2, 4, 1, 3, 0]);
    expect(reds(8)).toEqual([2, 5, 1, 4, 0, 3]);
  });
});
