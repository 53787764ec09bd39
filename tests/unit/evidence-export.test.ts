import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { caseReportHtml, type CaseReport } from '../../src/domain/evidence/case-report';
import { gpsCsv, gpsGeoJson } from '../../src/domain/evidence/gps-export';
import { readMetadata } from '../../src/domain/evidence/metadata';
import { paddedBox, redactPixels } from '../../src/domain/evidence/redact';
import { StripError, stripMetadata } from '../../src/domain/evidence/strip-metadata';
import type { ImageRecord } from '../../src/domain/image';
import { exifSegment, iptcSegment, withSegments, xmpSegment } from '../helpers/exif-writer';
import { readFixture } from '../helpers/fixtures';

const rocket = readFixture('rocket.jpg');
const tagged = withSegments(rocket, exifSegment({ make: 'Canon', model: 'EOS R5', orientation: 6, dateTimeOriginal: '2024:03:05 14:15:16', gps: { lat: 52.5, lon: 13.4 } }), xmpSegment('Ana', 'T'), iptcSegment('Bo', 'C'));

describe('stripping metadata from exported copies', () => {
  it('removes EXIF, GPS, XMP and IPTC from a JPEG, keeps its pixels byte for byte and an orientation other than 1', async () => {
    expect((await readMetadata(tagged)).blocks).toEqual(['exif', 'gps', 'xmp', 'iptc']);
    const stripped = stripMetadata(tagged, 'image/jpeg', 6);
    const left = await readMetadata(stripped);
    expect(left).toEqual({ orientation: 6, blocks: ['exif'] });
    const before = decodeImage(tagged).pixels;
    const after = decodeImage(stripped).pixels;
    expect(Buffer.compare(Buffer.from(after.data), Buffer.from(before.data))).toBe(0);
    expect(stripMetadata(tagged, 'image/jpeg', 1).length).toBeLessThan(stripped.length);
    expect(await readMetadata(stripMetadata(tagged, 'image/jpeg'))).toEqual({ blocks: [] });
  });

  it('removes text, EXIF and time chunks from a PNG and keeps its pixels', async () => {
    const png = pngjs.PNG.sync.read(Buffer.from(readFixture('horse.png')));
    const encoded = new Uint8Array(pngjs.PNG.sync.write(png));
    // A tEXt chunk after IHDR, as cameras and editors write them.
    const text = Buffer.from('Author\0Someone');
    const chunk = Buffer.alloc(12 + text.length);
    chunk.writeUInt32BE(text.length, 0);
    chunk.write('tEXt', 4, 'ascii');
    text.copy(chunk, 8);
    const withText = Buffer.concat([encoded.subarray(0, 33), chunk, encoded.subarray(33)]);
    const stripped = stripMetadata(new Uint8Array(withText), 'image/png');
    expect(Buffer.from(stripped).includes(Buffer.from('tEXt'))).toBe(false);
    expect(stripped.length).toBe(encoded.length);
    expect(Buffer.compare(Buffer.from(decodeImage(stripped).pixels.data), Buffer.from(decodeImage(encoded).pixels.data))).toBe(0);
  });

  it('refuses what it cannot strip, naming where and why', () => {
    expect(() => stripMetadata(tagged.subarray(0, 100), 'image/jpeg')).toThrow(StripError);
    expect(() => stripMetadata(tagged.subarray(0, 100), 'image/jpeg')).toThrow(/corrupt JPEG: the segment at byte \d+ claims \d+ bytes, past the end/);
    expect(() => stripMetadata(new Uint8Array(8), 'image/tiff')).toThrow('metadata cannot be stripped from image/tiff files yet (only JPEG and PNG)');
  });
});

describe('redacting regions', () => {
  it('changes the pixels inside the padded region only, and beyond recognition', () => {
    const { pixels } = decodeImage(readFixture('astronaut.png'));
    const original = new Uint8ClampedArray(pixels.data);
    const face = { x: 180, y: 60, w: 100, h: 120 };
    for (const method of ['blur', 'pixelate'] as const) {
      const copy = { ...pixels, data: new Uint8ClampedArray(original) };
      const [done] = redactPixels(copy, [{ what: 'face', box: face }], method);
      expect(done!.box).toEqual(paddedBox(face, 512, 512));
      const { x, y, w, h } = done!.box;
      let changedInside = 0;
      let changedOutside = 0;
      let difference = 0;
      for (let py = 0; py < 512; py++) {
        for (let px = 0; px < 512; px++) {
          const i = (py * 512 + px) * 4;
          const changed = copy.data[i] !== original[i] || copy.data[i + 1] !== original[i + 1] || copy.data[i + 2] !== original[i + 2];
          const inside = px >= x && px < x + w && py >= y && py < y + h;
          if (inside) {
            if (changed) changedInside++;
            difference += Math.abs(copy.data[i]! - original[i]!);
          } else if (changed) changedOutside++;
        }
      }
      expect(changedOutside, method).toBe(0);
      expect(changedInside / (w * h), method).toBeGreaterThan(0.8);
      expect(difference / (w * h), `${method}: mean change of red`).toBeGreaterThan(8);
    }
  });

  it('pads a box by 15 % and clips it to the image', () => {
    expect(paddedBox({ x: 0, y: 0, w: 20, h: 20 }, 100, 100)).toEqual({ x: 0, y: 0, w: 23, h: 23 });
    expect(paddedBox({ x: 95, y: 95, w: 20, h: 20 }, 100, 100)).toEqual({ x: 92, y: 92, w: 8, h: 8 });
    expect(paddedBox({ x: 200, y: 0, w: 5, h: 5 }, 100, 100)).toBeNull();
  });
});

const image = (n: number, exif?: ImageRecord['exif']): ImageRecord => ({
  sha256: String(n).repeat(64).slice(0, 64),
  fileName: `photo, "${n}".jpg`,
  type: 'image/jpeg',
  width: 10,
  height: 10,
  bytes: 100,
  importedAt: '2026-01-01T00:00:00Z',
  ...(exif ? { exif } : {}),
});

describe('GPS positions of photos', () => {
  const images = [
    image(1, { blocks: ['exif', 'gps'], make: 'Nokia', model: 'Lumia 820', time: '2013-05-10T15:21:35', gps: { lat: 55.0387558, lon: 8.4571906, alt: 0.05 } }),
    image(2, { blocks: [] }),
    image(3),
    image(4, { blocks: ['gps'], gps: { lat: -33.8568, lon: 151.2153 } }),
  ];

  it('as RFC 7946 points, longitude first, that GDAL reads back', () => {
    const collection = gpsGeoJson(images);
    expect(collection.features.map((f) => f.geometry.coordinates)).toEqual([
      [8.4571906, 55.0387558, 0.05],
      [151.2153, -33.8568],
    ]);
    expect(collection.features[0]!.properties).toEqual({ file: 'photo, "1".jpg', sha256: images[0]!.sha256, time: '2013-05-10T15:21:35', camera: 'Nokia Lumia 820', altitude: 0.05 });
    const dir = mkdtempSync(join(tmpdir(), 'gps-'));
    writeFileSync(join(dir, 'points.geojson'), JSON.stringify(collection));
    const info = execFileSync('ogrinfo', ['-al', '-ro', join(dir, 'points.geojson')], { encoding: 'utf8' });
    expect(info).toContain('Feature Count: 2');
    expect(info).toMatch(/POINT Z \(8\.4571906 55\.0387558 0\.05\)/);
    expect(info).toContain('WGS 84');
  });

  it('as CSV through the project writer, quoting what needs it', () => {
    expect(gpsCsv(images).split('\r\n')).toEqual([
      'file,sha256,latitude,longitude,altitude,time,make,model',
      `"photo, ""1"".jpg",${images[0]!.sha256},55.0387558,8.4571906,0.05,2013-05-10T15:21:35,Nokia,Lumia 820`,
      `"photo, ""4"".jpg",${images[3]!.sha256},-33.8568,151.2153,,,,`,
      '',
    ]);
  });
});

describe('the case report', () => {
  const report: CaseReport = {
    caseNumber: '2026/0042 <b>',
    analyst: 'Ana "A" Analyst',
    project: 'Seizure 7',
    createdAt: '2026-05-01T10:00:00Z',
    images: [
      {
        ...image(1, { blocks: ['exif', 'gps'], make: 'Nokia', model: 'Lumia 820', time: '2013-05-10T15:21:35', gps: { lat: 55.0387558, lon: 8.4571906 } }),
        md5: 'a'.repeat(32),
        sha1: 'b'.repeat(40),
        thumbnail: 'data:image/webp;base64,AAAA',
        labels: [{ label: 'person', status: 'accepted', source: 'model:coco-centernet@human-3.3.6', score: 0.61, box: { x: 8, y: 9, w: 361, h: 511 }, createdAt: 't1', decidedBy: 'human:ana', decidedAt: 't2' }],
        matches: [{ list: 'Known <set>', algorithms: ['md5'] }],
      },
      { ...image(2), thumbnail: 'https://example.org/x.png', labels: [], matches: [] },
    ],
    hashLists: [{ name: 'Known <set>', hashes: 3, loadedAt: 't0' }],
    audit: { entries: 12, headHash: 'c'.repeat(64), verified: true },
  };
  const html = caseReportHtml(report);

  it('holds the case, the hashes, the capture time and GPS, labels with provenance, matches and the audit head', () => {
    for (const text of ['2026/0042 &lt;b&gt;', 'Ana &quot;A&quot; Analyst', 'a'.repeat(32), 'b'.repeat(40), image(1).sha256, '2013-05-10T15:21:35', '55.0387558, 8.4571906', 'Nokia Lumia 820', 'model:coco-centernet@human-3.3.6', 'human:ana, t2', 'Known &lt;set&gt;', 'c'.repeat(64), '>12<', 'verifies', 'not read (imported before metadata was read)']) {
      expect(html).toContain(text);
    }
  });

  it('is self-contained: no script, no URL but its own data: thumbnails, a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('example.org');
    expect([...html.matchAll(/(src|href)="([^"]*)"/g)].map((m) => m[2])).toEqual(['data:image/webp;base64,AAAA']);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });
});
