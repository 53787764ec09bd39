import { fromArrayBuffer, writeArrayBuffer } from 'geotiff';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import type { RgbaPixels } from '../../src/domain/image';
import { ImageInputError } from '../../src/domain/image-header';
import { fullWindow, memoryRasterSource } from '../../src/domain/raster-source';
import { isTiff, TiffSource } from '../../src/platform/tiff-source';
import { tileGrid } from '../../src/domain/tiling';
import { readFixture } from '../helpers/fixtures';
import { writeTiff } from '../helpers/tiff-writer';

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** Mean absolute difference over R, G and B. */
function meanAbsDiff(a: RgbaPixels, b: RgbaPixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) if (i % 4 !== 3) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / ((a.data.length / 4) * 3);
}

const pixelAt = (p: RgbaPixels, x: number, y: number) => Array.from(p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

describe('TiffSource on the mosaic GeoTIFF (read as a plain TIFF)', () => {
  let mosaic: TiffSource;
  beforeAll(async () => {
    mosaic = await TiffSource.fromArrayBuffer(bufferOf(readFixture('mosaic-utm32n.tif')));
  });

  it('reads the layout: 2048 × 2048 RGB, 8-bit, tiled 256 × 256, DEFLATE, no overviews', () => {
    expect([mosaic.width, mosaic.height]).toEqual([2048, 2048]);
    expect(mosaic.info).toMatchObject({
      samplesPerPixel: 3,
      bitsPerSample: 8,
      sampleFormat: 'unsigned',
      compression: 'Deflate',
      photometric: 'RGB',
      tiled: true,
      blockWidth: 256,
      blockHeight: 256,
      overviews: [],
    });
    expect(mosaic.info.stretch).toBeUndefined();
  });

  it('gives back the astronaut where it was pasted (x 300–812, y 300–812), and not one pixel off', async () => {
    const astronaut = decodeImage(readFixture('astronaut.png')).pixels;
    const window = await mosaic.readWindow({ x: 300, y: 300, w: 512, h: 512 });
    expect(window.data[3]).toBe(255);
    // Measured: 0.007 (a handful of pixels differ slightly), against 6–7 for a window one pixel off.
    expect(meanAbsDiff(window, astronaut)).toBeLessThan(0.1);
    expect(meanAbsDiff(await mosaic.readWindow({ x: 301, y: 300, w: 512, h: 512 }), astronaut)).toBeGreaterThan(3);
    expect(meanAbsDiff(await mosaic.readWindow({ x: 300, y: 301, w: 512, h: 512 }), astronaut)).toBeGreaterThan(3);
  });

  it('reads the same pixels through a small window as through a large one, across its 256-pixel blocks', async () => {
    const large = await mosaic.readWindow({ x: 200, y: 200, w: 400, h: 400 });
    const small = await mosaic.readWindow({ x: 250, y: 240, w: 20, h: 30 });
    expect(small.data).toEqual((await memoryRasterSource(large).readWindow({ x: 50, y: 40, w: 20, h: 30 })).data);
    expect(pixelAt(await mosaic.readWindow({ x: 0, y: 0, w: 1, h: 1 }), 0, 0)).toEqual([96, 110, 80, 255]);
  });

  it('reads each of its 64 blocks from the file once for the 25 overlapping tiles of a tiled run', async () => {
    const fetched: number[] = [];
    const counted = await TiffSource.open(async () => {
      const tiff = await fromArrayBuffer(bufferOf(readFixture('mosaic-utm32n.tif')));
      const fetch = tiff.source.fetch.bind(tiff.source);
      tiff.source.fetch = (slices, signal) => {
        fetched.push(...slices.map((s) => s.offset));
        return fetch(slices, signal);
      };
      return tiff;
    });
    fetched.length = 0;
    const tiles = tileGrid(2048, 2048, 512, 0.2);
    const read = [];
    for (const tile of tiles) read.push(await counted.readWindow(tile));
    expect(tiles).toHaveLength(25);
    expect(fetched).toHaveLength(64); // without the block cache: 169
    expect(new Set(fetched).size).toBe(64);
    expect(read[12]!.data).toEqual((await mosaic.readWindow(tiles[12]!)).data);
  });

  it('shrinks the whole image band by band to what shrinking the decoded image gives', async () => {
    const whole = await mosaic.readWindow(fullWindow(mosaic));
    const expected = await memoryRasterSource(whole).readWindow(fullWindow(mosaic), 512, 512);
    const overview = await mosaic.readOverview(512, 512);
    expect([overview.width, overview.height]).toEqual([512, 512]);
    // 2048² is past the 4 MP band limit, so this went band by band; band edges fall on whole output rows.
    expect(meanAbsDiff(overview, expected)).toBeLessThan(0.01);
  });
});

describe('TiffSource on generated TIFFs', () => {
  it('stretches a 16-bit single-band raster to 0–255 by its 2nd and 98th percentiles, as grey', async () => {
    const width = 100;
    const height = 50;
    // Values 1000–2980 in steps of 20 along x, with a few hot pixels that must not flatten the picture.
    const values = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) values[y * width + x] = 1000 + x * 20;
    values[0] = 65535;
    values[1] = 65535;
    const buffer = writeArrayBuffer(values, { width, height, BitsPerSample: [16], SamplesPerPixel: 1, PhotometricInterpretation: 1 });
    const source = await TiffSource.fromArrayBuffer(buffer);
    expect(source.info).toMatchObject({ bitsPerSample: 16, samplesPerPixel: 1, photometric: 'BlackIsZero', compression: 'none' });
    expect(source.info.stretch).toEqual({ low: 1040, high: 2960 });
    const pixels = await source.readWindow(fullWindow(source));
    const row = (x: number) => pixelAt(pixels, x, 10);
    expect(row(0)).toEqual([0, 0, 0, 255]); // below the 2nd percentile: clamped
    expect(row(2)).toEqual([0, 0, 0, 255]); // 1040
    expect(row(50)).toEqual([128, 128, 128, 255]); // 2000: (2000 − 1040) / 1920 · 255 = 127.5
    expect(row(98)).toEqual([255, 255, 255, 255]); // 2960
    expect(pixelAt(pixels, 0, 0)).toEqual([255, 255, 255, 255]); // hot pixel
  });

  it('stretches by the percentiles a person chose: 0–100 spans the hot pixels, 10–90 narrows the range', async () => {
    const width = 100;
    const values = new Uint16Array(width * 10);
    for (let i = 0; i < values.length; i++) values[i] = 1000 + (i % width) * 20;
    values[0] = 65535;
    const buffer = writeArrayBuffer(values, { width, height: 10, BitsPerSample: [16], SamplesPerPixel: 1, PhotometricInterpretation: 1 });
    const full = await TiffSource.fromArrayBuffer(buffer, { stretch: { low: 0, high: 100 } });
    expect(full.info.stretch).toEqual({ low: 1000, high: 65535 });
    const narrow = await TiffSource.fromArrayBuffer(buffer, { stretch: { low: 10, high: 90 } });
    expect(narrow.info.stretch).toEqual({ low: 1200, high: 2800 });
    const pixels = await narrow.readWindow(fullWindow(narrow));
    expect(pixelAt(pixels, 10, 5)).toEqual([0, 0, 0, 255]); // 1200
    expect(pixelAt(pixels, 60, 5)).toEqual([159, 159, 159, 255]); // 2200: (2200 − 1200) / 1600 · 255 = 159.4
    expect(pixelAt(pixels, 90, 5)).toEqual([255, 255, 255, 255]); // 2800
  });

  it('reads 8-bit RGBA with its alpha and 8-bit grey as equal R, G, B', async () => {
    const rgba = writeArrayBuffer(Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 255]), {
      width: 2,
      height: 1,
      BitsPerSample: [8, 8, 8, 8],
      SamplesPerPixel: 4,
      PhotometricInterpretation: 2,
      ExtraSamples: 2,
    });
    const colour = await (await TiffSource.fromArrayBuffer(rgba)).readWindow({ x: 0, y: 0, w: 2, h: 1 });
    expect(Array.from(colour.data)).toEqual([10, 20, 30, 40, 50, 60, 70, 255]);
    const grey = writeArrayBuffer(Uint8Array.from([0, 128, 255]), { width: 3, height: 1, BitsPerSample: [8], PhotometricInterpretation: 1 });
    const g = await (await TiffSource.fromArrayBuffer(grey)).readWindow({ x: 0, y: 0, w: 3, h: 1 });
    expect(Array.from(g.data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('reads the whole-image pass from an internal overview when one exists', async () => {
    // Full image 64 × 64 of one grey; its "overview" 16 × 16 deliberately a different grey, to see which is read.
    const full = { width: 64, height: 64, samples: 1, photometric: 1, data: new Uint8Array(64 * 64).fill(100) };
    const overview = { width: 16, height: 16, samples: 1, photometric: 1, subfile: 1, data: new Uint8Array(16 * 16).fill(200) };
    const source = await TiffSource.fromArrayBuffer(writeTiff([full, overview]));
    expect(source.info.overviews).toEqual([{ width: 16, height: 16 }]);
    expect(pixelAt(await source.readOverview(16, 16), 0, 0)).toEqual([200, 200, 200, 255]);
    expect(pixelAt(await source.readOverview(8, 8), 3, 3)).toEqual([200, 200, 200, 255]);
    // More detail than the overview holds, or full resolution: the full image.
    expect(pixelAt(await source.readOverview(32, 32), 0, 0)).toEqual([100, 100, 100, 255]);
    expect(pixelAt(await source.readWindow({ x: 8, y: 8, w: 4, h: 4 }), 0, 0)).toEqual([100, 100, 100, 255]);
  });

  it('names an unsupported compression, and what is supported', async () => {
    const page = { width: 2, height: 2, samples: 3, photometric: 2, data: new Uint8Array(12), compression: 34712 };
    const opening = TiffSource.fromArrayBuffer(writeTiff([page]));
    await expect(opening).rejects.toThrow(ImageInputError);
    await expect(TiffSource.fromArrayBuffer(writeTiff([page]))).rejects.toThrow(
      'unsupported TIFF: compression JPEG 2000 is not supported (supported: none, LZW, JPEG, Deflate, PackBits, LERC, Zstandard, WebP)',
    );
  });

  it('names an unsupported sample format', async () => {
    const complex = writeArrayBuffer(new Uint8Array(4), { width: 2, height: 2, BitsPerSample: [8], SampleFormat: [5], PhotometricInterpretation: 1 });
    await expect(TiffSource.fromArrayBuffer(complex)).rejects.toThrow('unsupported TIFF: sample format 5 (complex) is not supported');
  });

  it('reports a file that is not a TIFF inside as corrupt', async () => {
    const bytes = Uint8Array.from([0x49, 0x49, 42, 0, 0xff, 0xff, 0xff, 0x0f]);
    expect(isTiff(bytes)).toBe(true);
    await expect(TiffSource.fromArrayBuffer(bufferOf(bytes))).rejects.toThrow(/^corrupt TIFF: /);
    expect(isTiff(readFixture('astronaut.png'))).toBe(false);
  });
});
