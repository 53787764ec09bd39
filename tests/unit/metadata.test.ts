import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cameraName, captureInstant } from '../../src/domain/evidence/exif-facts';
import { readMetadata } from '../../src/domain/evidence/metadata';
import { exifSegment, type ExifFields, iptcSegment, withSegments, xmpSegment } from '../helpers/exif-writer';
import { readFixture } from '../helpers/fixtures';

/** A real phone photo (Nokia Lumia 820, with GPS) that the exif-parser package ships as its test image. */
const starfish = new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('exif-parser/test/starfish.jpg')));
const rocket = readFixture('rocket.jpg');

const CAMERA: ExifFields = {
  make: 'Canon',
  model: 'Canon EOS 5D Mark IV',
  software: 'Firmware 1.0.4',
  orientation: 1,
  dateTimeOriginal: '2024:03:05 14:15:16',
  offsetTimeOriginal: '+01:00',
  gps: { lat: -33.8568, lon: 151.2153, alt: -12.5 },
};

describe('image metadata', () => {
  it('reads make, model, time, GPS with altitude, software and orientation from a real camera JPEG', async () => {
    const exif = await readMetadata(starfish);
    expect(exif).toMatchObject({ make: 'Nokia', model: 'Lumia 820', software: 'Windows Phone', orientation: 1, time: '2013-05-10T15:21:35' });
    // exiftool: 55 deg 2' 19.52" N, 8 deg 27' 25.89" E, 0.05 m above sea level.
    expect(exif.gps!.lat).toBeCloseTo(55 + 2 / 60 + 19.521 / 3600, 6);
    expect(exif.gps!.lon).toBeCloseTo(8 + 27 / 60 + 25.886 / 3600, 6);
    expect(exif.gps!.alt).toBe(0.05);
    expect(exif.blocks).toEqual(['exif', 'gps']);
    expect(exif.problem).toBeUndefined();
    expect(cameraName(exif)).toBe('Nokia Lumia 820');
  });

  it('gives the capture time with its offset, southern and western positions negative, and altitude below sea level negative', async () => {
    const exif = await readMetadata(withSegments(rocket, exifSegment(CAMERA)));
    expect(exif.time).toBe('2024-03-05T14:15:16+01:00');
    expect(captureInstant(exif)).toBe(Date.UTC(2024, 2, 5, 13, 15, 16));
    expect(exif.gps).toEqual({ lat: -33.8568, lon: 151.2153, alt: -12.5 });
    expect(cameraName(exif)).toBe('Canon EOS 5D Mark IV');
    const west = await readMetadata(withSegments(rocket, exifSegment({ gps: { lat: 40.6892, lon: -74.0445 } })));
    expect(west.gps).toEqual({ lat: 40.6892, lon: -74.0445 });
  });

  it('reads XMP and IPTC: creator, title and caption', async () => {
    const exif = await readMetadata(withSegments(rocket, xmpSegment('Ana Analyst', 'Scene 7'), iptcSegment('Bo Byline', 'Launch pad, north side')));
    expect(exif).toMatchObject({ creator: 'Ana Analyst', title: 'Scene 7', caption: 'Launch pad, north side' });
    expect(exif.blocks).toEqual(['xmp', 'iptc']);
  });

  it('finds nothing, and no problem, in images without metadata', async () => {
    expect(await readMetadata(rocket)).toEqual({ blocks: [] });
    expect(await readMetadata(readFixture('astronaut.png'))).toEqual({ blocks: [] });
  });

  describe('hostile EXIF: a clear problem, the readable rest kept, never a throw', () => {
    it('an IFD that claims 65,535 entries', async () => {
      const exif = await readMetadata(withSegments(rocket, exifSegment(CAMERA, 'huge-count')));
      expect(exif.problem).toMatch(/^unreadable metadata: an IFD entry is corrupt/);
      expect(exif.gps).toBeUndefined();
    });

    it('IFDs that point back at themselves', async () => {
      const exif = await readMetadata(withSegments(rocket, exifSegment(CAMERA, 'loop')));
      expect(exif.problem).toBe('the Exif IFD points back at IFD0 (a loop); its tags were ignored');
      expect(exif).toMatchObject({ make: 'Canon', model: 'Canon EOS 5D Mark IV' });
      expect(exif.time).toBeUndefined();
    });

    it('Exif and GPS pointers past the end', async () => {
      const exif = await readMetadata(withSegments(rocket, exifSegment(CAMERA, 'offset-past-end')));
      expect(exif.problem).toMatch(/^unreadable metadata: an offset points past the end/);
      expect(exif).toMatchObject({ make: 'Canon', software: 'Firmware 1.0.4' });
    });

    it('a value that claims four billion bytes', async () => {
      const exif = await readMetadata(withSegments(rocket, exifSegment(CAMERA, 'huge-value')));
      expect(exif.problem).toMatch(/^unreadable metadata: /);
    });

    it('a GPS position outside the globe and an orientation of 9', async () => {
      const exif = await readMetadata(withSegments(rocket, exifSegment({ orientation: 9, gps: { lat: 95, lon: 10 } })));
      expect(exif.gps).toBeUndefined();
      expect(exif.orientation).toBeUndefined();
      expect(exif.problem).toBe('orientation 9 is not 1–8; GPS position 95, 10 is outside the globe');
    });

    it('a truncated file and random bytes', async () => {
      const cut = withSegments(rocket, exifSegment(CAMERA)).subarray(0, 60);
      expect((await readMetadata(cut)).blocks).toBeDefined();
      const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
      expect(await readMetadata(noise)).toMatchObject({ blocks: [] });
    });
  });
});
