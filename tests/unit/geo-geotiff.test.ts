import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { crsFromGeoKeys, georeferenceFromGeoTiffTags, parseGeoKeyDirectory } from '../../src/domain/geo/geotiff-tags';
import { GeoreferenceError } from '../../src/domain/geo/georeference';
import { TiffSource } from '../../src/platform/tiff-source';
import { readFixture } from '../helpers/fixtures';
import { writeTiff } from '../helpers/tiff-writer';

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/** GeoKeyDirectory values: header (1, 1, 0, count) then (id, location, count, value) per key. */
const directory = (...keys: [number, number, number, number][]) => [1, 1, 0, keys.length, ...keys.flat()];

describe('georeference of the mosaic GeoTIFF', () => {
  it('is EPSG:25832 with the upper-left corner at E 550000 N 5805000 and 0.2 m pixels', async () => {
    const mosaic = await TiffSource.fromArrayBuffer(bufferOf(readFixture('mosaic-utm32n.tif')));
    const geo = mosaic.georeference();
    expect(geo).not.toBeNull();
    expect(geo!.source).toBe('geotiff');
    expect(geo!.crs).toEqual({ epsg: 25832 });
    const [x0, a, b, y0, d, e] = geo!.transform;
    // gdalinfo: Origin = (550000, 5805000), Pixel Size = (0.19999999999998, −0.19999999999982): float noise in the file.
    expect(x0).toBe(550000);
    expect(y0).toBe(5805000);
    expect(a).toBeCloseTo(0.2, 12);
    expect(e).toBeCloseTo(-0.2, 12);
    expect([b, d]).toEqual([0, 0]);
  });

  it('is null for a TIFF without GeoTIFF tags, which still reads', async () => {
    const plain = await TiffSource.fromArrayBuffer(writeTiff([{ width: 2, height: 2, samples: 1, photometric: 1, data: new Uint8Array(4) }]));
    expect(plain.georeference()).toBeNull();
    expect((await plain.readWindow({ x: 0, y: 0, w: 2, h: 2 })).width).toBe(2);
  });

  it('reads ModelTransformation, PixelIsPoint and a user-defined CRS from a TIFF written by geotiff.js', async () => {
    const buffer = writeArrayBuffer(new Uint8Array(4 * 3 * 3), {
      width: 4,
      height: 3,
      SamplesPerPixel: 3,
      BitsPerSample: [8, 8, 8],
      PhotometricInterpretation: 2,
      // 1 m pixels rotated by 90°: X = J + 100, Y = I + 200.
      ModelTransformation: [0, 1, 0, 100, 1, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 1],
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 2,
      ProjectedCSTypeGeoKey: 32767,
      GTCitationGeoKey: 'local grid',
    });
    const source = await TiffSource.fromArrayBuffer(buffer as ArrayBuffer);
    // PixelIsPoint: raster (0, 0) is the first pixel's centre, so the corner lies half a pixel back along
    // both pixel axes: X = 100 − 0.5 (the row axis runs along X), Y = 200 − 0.5.
    expect(source.georeference()).toEqual({ transform: [99.5, 0, 1, 199.5, 1, 0], crs: null, source: 'geotiff' });
  });

  it('keeps the pixels readable when the tags are malformed, and names the fault when asked for the georeference', async () => {
    const buffer = writeArrayBuffer(new Uint8Array(2 * 2 * 3), {
      width: 2,
      height: 2,
      SamplesPerPixel: 3,
      BitsPerSample: [8, 8, 8],
      PhotometricInterpretation: 2,
      ModelTransformation: [0, 0, 0, 100, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 1],
      ProjectedCSTypeGeoKey: 25832,
    });
    const source = await TiffSource.fromArrayBuffer(buffer as ArrayBuffer);
    expect((await source.readWindow({ x: 0, y: 0, w: 2, h: 2 })).width).toBe(2);
    expect(() => source.georeference()).toThrow(GeoreferenceError);
    expect(() => source.georeference()).toThrow('GeoTIFF tags: affine [100, 0, 0, 200, 0, 0] maps pixels to zero area (its determinant is 0)');
  });
});

describe('georeference from raw GeoTIFF tag values', () => {
  const scale = [0.2, 0.2, 0];
  const tiepoint = [0, 0, 0, 550000, 5805000, 0];

  it('PixelIsArea (default) keeps the tiepoint at the corner; PixelIsPoint moves it half a pixel out', () => {
    const area = georeferenceFromGeoTiffTags({ modelPixelScale: scale, modelTiepoint: tiepoint, geoKeyDirectory: directory([1024, 0, 1, 1], [3072, 0, 1, 25832]) });
    expect(area).toEqual({ transform: [550000, 0.2, 0, 5805000, 0, -0.2], crs: { epsg: 25832 }, source: 'geotiff' });
    const point = georeferenceFromGeoTiffTags({
      modelPixelScale: scale,
      modelTiepoint: [0, 0, 0, 550000.1, 5804999.9, 0],
      geoKeyDirectory: directory([1024, 0, 1, 1], [1025, 0, 1, 2], [3072, 0, 1, 25832]),
    });
    expect(point!.transform[0]).toBeCloseTo(550000, 9);
    expect(point!.transform[3]).toBeCloseTo(5805000, 9);
  });

  it('uses a tiepoint that is not at pixel (0, 0)', () => {
    const geo = georeferenceFromGeoTiffTags({ modelPixelScale: [2, 3, 0], modelTiepoint: [10, 20, 0, 1000, 5000, 0] });
    expect(geo!.transform).toEqual([980, 2, 0, 5060, 0, -3]);
    expect(geo!.crs).toBeNull();
  });

  it('names the CRS from the geo keys: projected code, geographic code, or none', () => {
    const keys = (...k: [number, number, number, number][]) => crsFromGeoKeys(parseGeoKeyDirectory({ geoKeyDirectory: directory(...k) }));
    expect(keys([1024, 0, 1, 2], [2048, 0, 1, 4326])).toEqual({ epsg: 4326 });
    expect(keys([1024, 0, 1, 1], [3072, 0, 1, 31467])).toEqual({ epsg: 31467 });
    // A user-defined projection over a known datum: the coordinates are not degrees, so 4258 is not the CRS.
    expect(keys([1024, 0, 1, 1], [2048, 0, 1, 4258], [3072, 0, 1, 32767])).toBeNull();
    expect(keys([1024, 0, 1, 1])).toBeNull();
    expect(keys()).toBeNull();
  });

  it('reads keys stored in GeoDoubleParams and GeoAsciiParams', () => {
    const keys = parseGeoKeyDirectory({
      geoKeyDirectory: directory([1026, 34737, 11, 0], [2057, 34736, 1, 1], [3072, 0, 1, 25832]),
      geoDoubleParams: [0, 6378137],
      geoAsciiParams: 'UTM 32N|ab|',
    });
    expect(keys.get(1026)).toBe('UTM 32N|ab');
    expect(keys.get(2057)).toBe(6378137);
    expect(keys.get(3072)).toBe(25832);
  });

  it('is null without tiepoint or transformation, and names malformed tags', () => {
    expect(georeferenceFromGeoTiffTags({ geoKeyDirectory: directory([3072, 0, 1, 25832]) })).toBeNull();
    expect(georeferenceFromGeoTiffTags({})).toBeNull();
    const fails = (tags: Parameters<typeof georeferenceFromGeoTiffTags>[0], message: string | RegExp) => {
      expect(() => georeferenceFromGeoTiffTags(tags)).toThrow(GeoreferenceError);
      expect(() => georeferenceFromGeoTiffTags(tags)).toThrow(message);
    };
    fails({ modelTiepoint: [...tiepoint, ...tiepoint] }, 'ModelTiepoint without ModelPixelScale (2 ground control points) is not supported');
    fails({ modelTiepoint: [0, 0, 0, 1], modelPixelScale: scale }, 'ModelTiepoint has 4 values, not a multiple of 6');
    fails({ modelTransformation: [1, 0, 0] }, 'ModelTransformation has 3 values, not 16');
    fails({ modelPixelScale: [0, 0.2, 0], modelTiepoint: tiepoint }, /determinant is 0/);
    fails({ modelPixelScale: scale, modelTiepoint: tiepoint, geoKeyDirectory: [1, 1, 0, 2, 3072, 0, 1, 25832] }, 'GeoKeyDirectory announces 2 keys but holds 1');
  });
});
