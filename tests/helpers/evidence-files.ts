import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { decodeImage } from '../../src/cli/decode-image';
import { resizeToRgbFloats } from '../../src/domain/raster';
import { exifSegment, withSegments } from './exif-writer';
import { fixturePath, readFixture } from './fixtures';

/** Photos for the evidence tests, written into a fresh temporary folder. */
export interface EvidenceFiles {
  dir: string;
  /** A real phone photo with EXIF and GPS (Nokia Lumia 820; exif-parser's test image). */
  starfish: string;
  /** rocket.jpg with EXIF written into it: Canon EOS R5, 2024-03-05 14:15:16 -05:00, GPS 40.6892, -74.0445, 10 m. */
  rocket: string;
  astronaut: string;
  /** The astronaut shrunk to 60 % and saved as a JPEG at quality 50. */
  astronautCopy: string;
  /** rocket.jpg with hostile EXIF: a Sony camera, but Exif and GPS IFD pointers far past the end of the segment. */
  hostile: string;
  /** horse.png on white as a JPEG (no face in it for BlazeFace) with EXIF: Nikon D750, GPS 48.8584, 2.2945. */
  horse: string;
}

function jpegOf(pixels: { data: ArrayLike<number>; width: number; height: number }, quality: number): Uint8Array {
  const { width, height } = pixels;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const alpha = pixels.data[i * 4 + 3]! / 255;
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = Math.round(pixels.data[i * 4 + c]! * alpha + 255 * (1 - alpha));
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data: rgba, width, height }, quality).data);
}

export function evidenceFiles(): EvidenceFiles {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-e2e-'));
  const starfish = join(dir, 'starfish.jpg');
  copyFileSync(createRequire(import.meta.url).resolve('exif-parser/test/starfish.jpg'), starfish);
  const rocket = join(dir, 'rocket-canon.jpg');
  writeFileSync(
    rocket,
    withSegments(readFixture('rocket.jpg'), exifSegment({ make: 'Canon', model: 'EOS R5', dateTimeOriginal: '2024:03:05 14:15:16', offsetTimeOriginal: '-05:00', gps: { lat: 40.6892, lon: -74.0445, alt: 10 } })),
  );
  const { pixels } = decodeImage(readFixture('astronaut.png'));
  const size = 307;
  const rgb = resizeToRgbFloats(pixels, size, size);
  const rgba = Buffer.alloc(size * size * 4, 255);
  for (let i = 0; i < size * size; i++) for (let c = 0; c < 3; c++) rgba[i * 4 + c] = rgb[i * 3 + c]!;
  const astronautCopy = join(dir, 'astronaut-small.jpg');
  writeFileSync(astronautCopy, jpegOf({ data: rgba, width: size, height: size }, 50));
  const horse = join(dir, 'horse-nikon.jpg');
  writeFileSync(horse, withSegments(jpegOf(decodeImage(readFixture('horse.png')).pixels, 90), exifSegment({ make: 'Nikon', model: 'D750', gps: { lat: 48.8584, lon: 2.2945 } })));
  const hostile = join(dir, 'rocket-hostile.jpg');
  writeFileSync(hostile, withSegments(readFixture('rocket.jpg'), exifSegment({ make: 'Sony', model: 'A7', dateTimeOriginal: '2020:01:01 00:00:00', gps: { lat: 1, lon: 1 } }, 'offset-past-end')));
  return { dir, starfish, rocket, astronaut: fixturePath('astronaut.png'), astronautCopy, horse, hostile };
}
