import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoJsonFeature, GeoJsonFeatureCollection } from '../../src/domain/formats/geojson/types';
import { iou } from '../../src/domain/geometry';
import { fixturePath } from '../helpers/fixtures';
import { metresApart } from '../helpers/geo';
import { workbench } from '../helpers/workbench';

const mosaic = fixturePath('mosaic-utm32n.tif');
const astronaut = fixturePath('astronaut.png');
// CenterNet's person on astronaut.png, moved to where the astronaut was pasted in the mosaic (as in tiled.test.ts).
const ASTRONAUT_PERSON = { x: 308, y: 309, w: 361, h: 503 };

/** GDAL's own reading of a file: `ogrinfo -ro -al -so` (Debian's gdal-bin). */
async function ogrinfo(path: string): Promise<string> {
  const { stdout } = await promisify(execFile)('ogrinfo', ['-ro', '-al', '-so', path]);
  return stdout;
}

/** GDAL/PROJ's reprojection of a GeoJSON file to WGS 84, to compare ours with. */
async function ogr2ogrToWgs84(path: string): Promise<GeoJsonFeatureCollection> {
  const { stdout } = await promisify(execFile)('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', '-t_srs', 'EPSG:4326', path], { maxBuffer: 16 << 20 });
  return JSON.parse(stdout);
}

const featureCount = (info: string) => Number(/^Feature Count: (\d+)$/m.exec(info)?.[1]);
const read = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as GeoJsonFeatureCollection;
const pixelBox = (f: GeoJsonFeature) => {
  const [x, y, w, h] = f.properties.pixel_bbox;
  return { x, y, w, h };
};
/** Positions equal within `tolerance` map units (pixel_bbox is rounded to 0.01 px = 2 mm, coordinates to 1 mm). */
const expectNear = (got: number[][], want: number[][], tolerance = 0.002) => {
  expect(got).toHaveLength(want.length);
  got.forEach(([x, y], i) => expect(Math.max(Math.abs(x! - want[i]![0]!), Math.abs(y! - want[i]![1]!))).toBeLessThanOrEqual(tolerance));
};
const personOf = (fc: GeoJsonFeatureCollection) => {
  const people = fc.features.filter((f) => f.properties.label === 'person');
  expect(people).toHaveLength(1);
  return people[0]!;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-geojson-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench detect --format geojson on the mosaic GeoTIFF', () => {
  let native: GeoJsonFeatureCollection;
  let nativePath: string;

  beforeAll(async () => {
    nativePath = join(dir, 'x.geojson');
    const run = await workbench('detect', mosaic, '--format', 'geojson', '--out', nativePath);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    native = await read(nativePath);
  });

  it('writes polygons in EPSG:25832 that GDAL opens with the right CRS and feature count', async () => {
    expect(native.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } });
    expect(native.features.length).toBeGreaterThanOrEqual(4);
    const info = await ogrinfo(nativePath);
    expect(info).toMatch(/^Geometry: Polygon$/m);
    expect(featureCount(info)).toBe(native.features.length);
    expect(info).toContain('PROJCRS["ETRS89 / UTM zone 32N"');
    expect(info).toContain('ID["EPSG",25832]]');
  });

  it('puts the person on the astronaut: its pixel box through the GeoTIFF transform', () => {
    const person = personOf(native);
    expect(person.properties).toMatchObject({ status: 'suggested', source: expect.stringMatching(/^model:coco-centernet@/), image: mosaic });
    expect(person.properties.image_sha256).toMatch(/^[0-9a-f]{64}$/);
    const box = pixelBox(person);
    expect(iou(box, ASTRONAUT_PERSON)).toBeGreaterThanOrEqual(0.9);
    const e = (px: number) => 550000 + px * 0.2;
    const n = (py: number) => 5805000 - py * 0.2;
    const [x2, y2] = [box.x + box.w, box.y + box.h];
    expectNear(person.geometry.coordinates[0]!, [
      [e(box.x), n(box.y)],
      [e(box.x), n(y2)],
      [e(x2), n(y2)],
      [e(x2), n(box.y)],
      [e(box.x), n(box.y)],
    ]);
    // Inside the astronaut's square on the map, E 550060–550162.4, N 5804837.6–5804940.
    for (const [x, y] of person.geometry.coordinates[0]!) {
      expect(x).toBeGreaterThanOrEqual(550060);
      expect(x).toBeLessThanOrEqual(550162.4);
      expect(y).toBeGreaterThanOrEqual(5804837.6);
      expect(y).toBeLessThanOrEqual(5804940);
    }
  });

  it('with --crs wgs84 writes RFC 7946 lon/lat that GDAL reads as WGS 84, within 1 m of GDAL reprojecting the native file', async () => {
    const out = join(dir, 'wgs84');
    // With a second image that has no georeference: it is named, the exit status is 1, the mosaic still goes out.
    const run = await workbench('detect', mosaic, astronaut, '--format', 'geojson', '--crs', 'wgs84', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `workbench: ${astronaut}: no georeference (no GeoTIFF tags, no world file beside it): use --format coco, or add a world file`,
    );
    expect(await readdir(out)).toEqual(['mosaic-utm32n.geojson']);
    const path = join(out, 'mosaic-utm32n.geojson');
    const wgs84 = await read(path);
    expect(wgs84).not.toHaveProperty('crs');
    const info = await ogrinfo(path);
    expect(featureCount(info)).toBe(wgs84.features.length);
    expect(info).toContain('GEOGCRS["WGS 84"');
    const gdal = await ogr2ogrToWgs84(nativePath);
    expect(wgs84.features.map((f) => f.properties.pixel_bbox)).toEqual(native.features.map((f) => f.properties.pixel_bbox));
    wgs84.features.forEach((feature, i) => {
      const theirs = gdal.features[i]!.geometry.coordinates[0]!;
      feature.geometry.coordinates[0]!.forEach((corner, j) => expect(metresApart(corner, theirs[j]!)).toBeLessThan(1));
    });
    const [lon, lat] = personOf(wgs84).geometry.coordinates[0]![0]!;
    expect(lon).toBeCloseTo(9.7357, 3);
    expect(lat).toBeCloseTo(52.3924, 3);
  });
});

describe('workbench detect --format geojson on the world-file JPEG', () => {
  it('asks for the CRS when the world file names none, before running the model', async () => {
    const run = await workbench('detect', fixturePath('mosaic-worldfile.jpg'), '--format', 'geojson');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('mosaic-worldfile.jpg: its world file names no CRS: pass --crs-epsg N (e.g. --crs-epsg 25832), or put a .prj beside it');
    expect(run.stdout).toBe('');
  });

  it('takes the CRS from a .prj beside it, splits by class, and places boxes as the GeoTIFF does', async () => {
    const folder = join(dir, 'jpeg');
    const input = join(dir, 'ORTHO.JPG');
    await copyFile(fixturePath('mosaic-worldfile.jpg'), input);
    await copyFile(fixturePath('mosaic-worldfile.jgw'), join(dir, 'ortho.jgw'));
    const esri =
      'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
      'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],' +
      'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    await writeFile(join(dir, 'ortho.prj'), esri);
    const run = await workbench('detect', input, '--format', 'geojson', '--split-by-class', '--out', folder);
    expect(run.code, run.stderr).toBe(0);
    const files = await readdir(folder);
    expect(files).toContain('ORTHO.person.geojson');
    for (const name of files) {
      const fc = await read(join(folder, name));
      expect(name).toBe(`ORTHO.${fc.features[0]!.properties.label.replace(/ /g, '_')}.geojson`);
      expect(new Set(fc.features.map((f) => f.properties.label)).size).toBe(1);
      expect(featureCount(await ogrinfo(join(folder, name)))).toBe(fc.features.length);
    }
    const info = await ogrinfo(join(folder, 'ORTHO.person.geojson'));
    expect(info).toContain('PROJCRS["ETRS89 / UTM zone 32N"');
    const person = personOf(await read(join(folder, 'ORTHO.person.geojson')));
    const box = pixelBox(person);
    expect(iou(box, ASTRONAUT_PERSON)).toBeGreaterThanOrEqual(0.8);
    // The .jgw names the centre of the upper-left pixel (550000.1, 5804999.9): corners land where the GeoTIFF's do.
    expectNear(person.geometry.coordinates[0]!.slice(0, 1), [[550000 + box.x * 0.2, 5805000 - box.y * 0.2]]);
  });
});

describe('workbench detect --format geojson on bad geo input', () => {
  it('asks for the CRS of a GeoTIFF whose CRS is user-defined, and takes it from --crs-epsg', async () => {
    const path = join(dir, 'local.tif');
    const tiff = writeArrayBuffer(new Uint8Array(64 * 64 * 3).fill(128), {
      width: 64,
      height: 64,
      SamplesPerPixel: 3,
      BitsPerSample: [8, 8, 8],
      PhotometricInterpretation: 2,
      ModelPixelScale: [0.2, 0.2, 0],
      ModelTiepoint: [0, 0, 0, 550000, 5805000, 0],
      GTModelTypeGeoKey: 1,
      ProjectedCSTypeGeoKey: 32767,
    });
    await writeFile(path, new Uint8Array(tiff as ArrayBuffer));
    const refused = await workbench('detect', path, '--format', 'geojson');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `workbench: ${path}: its GeoTIFF tags name no EPSG code (missing or user-defined): pass --crs-epsg N (e.g. --crs-epsg 25832), or put a .prj beside it`,
    );
    expect(refused.stdout).toBe('');
    const chosen = await workbench('detect', path, '--format', 'geojson', '--crs-epsg', '25832');
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ type: 'FeatureCollection', crs: { properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } });
  });

  it('names the world file and line that does not parse', async () => {
    const input = join(dir, 'broken.jpg');
    await copyFile(fixturePath('mosaic-worldfile.jpg'), input);
    await writeFile(join(dir, 'broken.jgw'), '0.2\n0\n0\n-0.2\n550000.1\nN 5804999.9\n');
    const run = await workbench('detect', input, '--format', 'geojson', '--crs-epsg', '25832');
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`workbench: ${input}: ${join(dir, 'broken.jgw')}, line 6: "N 5804999.9" is not a number`);
  });
});

describe('workbench detect --format geojson usage', () => {
  it.each([
    [['--format', 'kml'], /--format must be coco, yolo, voc, csv or geojson, got "kml"/],
    [['--crs', 'wgs84'], /--crs, --crs-epsg and --split-by-class go with --format geojson/],
    [['--format', 'geojson', '--crs', 'utm'], /--crs must be native or wgs84, got "utm"/],
    [['--format', 'geojson', '--crs-epsg', 'EPSG:25832'], /--crs-epsg must be an EPSG code \(a whole number such as 25832\), got "EPSG:25832"/],
    [['--format', 'geojson', '--split-by-class'], /give --out <folder>/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await workbench('detect', mosaic, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('names a CRS it cannot reproject before running the model', async () => {
    const folder = join(dir, 'swiss');
    const input = join(dir, 'swiss.jpg');
    await copyFile(fixturePath('mosaic-worldfile.jpg'), input);
    await copyFile(fixturePath('mosaic-worldfile.jgw'), join(dir, 'swiss.jgw'));
    const run = await workbench('detect', input, '--format', 'geojson', '--crs', 'wgs84', '--crs-epsg', '2056', '--out', folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/swiss\.jpg: EPSG:2056 is not among the bundled definitions \(4326, .*\); give its definition instead/);
  });
});
