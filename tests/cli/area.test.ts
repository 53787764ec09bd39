import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_SPLIT, makeAreaTiles } from '../helpers/area-tiles';
import { workbench } from '../helpers/workbench';

interface Feature {
  properties: { label: string; score: number; status: string; source: string; model_version: string; image_sha256: string; image: string };
  geometry: { coordinates: number[][][] };
}

const ogrinfo = (path: string) => execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
const asGeoJson = (path: string) => JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path], { encoding: 'utf8' })) as { features: Feature[] };
const featureCount = (info: string) => Number(/^Feature Count: (\d+)$/m.exec(info)?.[1]);

let dir: string;
let tiles: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-area-'));
  tiles = makeAreaTiles(dir);
});

describe('workbench detect --format gpkg|fgb (files as one area)', () => {
  it('detects four adjacent GeoTIFFs as one area: a GeoPackage GDAL reads, each object cut by a border once', async () => {
    const out = join(dir, 'area.gpkg');
    const run = await workbench('detect', ...tiles, '--format', 'gpkg', '--out', out, '--verbose');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/area 1\/1 \(4 files, 0\.168 km²\): tile 25\/25, 0\.168 km²/);
    const info = ogrinfo(out);
    expect(info).toContain('Layer name: detections');
    expect(info).toContain('ETRS89 / UTM zone 32N');
    const { features } = asGeoJson(out);
    expect(featureCount(info)).toBe(features.length);
    // The astronaut lies across all four files; it comes out as one person, on the ground where it was pasted.
    const people = features.filter((f) => f.properties.label === 'person');
    expect(people).toHaveLength(1);
    const xs = people[0]!.geometry.coordinates[0]!.map((p) => p[0]!);
    const ys = people[0]!.geometry.coordinates[0]!.map((p) => p[1]!);
    expect(Math.min(...xs)).toBeGreaterThan(550058);
    expect(Math.max(...xs)).toBeLessThan(550164);
    expect(Math.min(...ys)).toBeGreaterThan(5804836);
    expect(Math.max(...ys)).toBeLessThan(5804942);
    expect(Math.min(...xs)).toBeLessThan(550000 + 0.2 * AREA_SPLIT.x); // it does cross the border
    expect(people[0]!.properties).toMatchObject({ status: 'suggested', model_version: 'human-3.3.6', image: tiles[2] });
    expect(people[0]!.properties.image_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(features.filter((f) => f.properties.label === 'cat')).toHaveLength(1);
    expect(features.filter((f) => f.properties.label === 'horse')).toHaveLength(1);
    // ogr2ogr converts it on (to a shapefile, reprojected to WGS 84).
    execFileSync('ogr2ogr', ['-t_srs', 'EPSG:4326', join(dir, 'area.shp'), out]);
    expect(featureCount(ogrinfo(join(dir, 'area.shp')))).toBe(features.length);
  });

  it('writes FlatGeobuf with the same fields', async () => {
    const out = join(dir, 'a.fgb');
    const run = await workbench('detect', tiles[0]!, '--format', 'fgb', '--out', out, '--threshold', '0.05');
    expect(run.code, run.stderr).toBe(0);
    const info = ogrinfo(out);
    expect(info).toContain('ETRS89 / UTM zone 32N');
    expect(info).toMatch(/image_sha256: String/);
    expect(featureCount(info)).toBeGreaterThan(0);
  });

  it('refuses files in different CRSs, naming them, and writes nothing', async () => {
    const other = join(dir, 'utm33.tif');
    execFileSync('gdal_translate', ['-q', '-a_srs', 'EPSG:25833', tiles[0]!, other]);
    const out = join(dir, 'mixed.gpkg');
    const run = await workbench('detect', tiles[1]!, other, '--format', 'gpkg', '--out', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/2 CRSs \(EPSG:25832: .*b\.tif; EPSG:25833: .*utm33\.tif\).*Nothing written/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('asks for --out, and refuses flags that do not apply to areas', async () => {
    expect((await workbench('detect', tiles[0]!, '--format', 'gpkg')).stderr).toMatch(/give --out <file\.gpkg>/);
    const whole = await workbench('detect', tiles[0]!, '--format', 'gpkg', '--out', join(dir, 'x.gpkg'), '--whole-pass');
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/tile by tile: --whole-pass and --no-tile do not apply/);
  });
});
