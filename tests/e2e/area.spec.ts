import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { iou } from '../../src/domain/geometry';
import { importThroughChooser } from '../helpers/app';
import { makeAreaTiles } from '../helpers/area-tiles';
import { screenOf } from '../helpers/map';
import { workbench } from '../helpers/workbench';

interface Feature {
  properties: Record<string, string | number | null>;
  geometry: { coordinates: number[][][] };
}

const ogrinfo = (path: string) => execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
const asGeoJson = (path: string) => JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path], { encoding: 'utf8' })) as { features: Feature[] };
const featureCount = (info: string) => Number(/^Feature Count: (\d+)$/m.exec(info)?.[1]);
/** A polygon's bounding box as x, y, w, h in map units. */
const bounds = (f: Feature) => {
  const xs = f.geometry.coordinates[0]!.map((p) => p[0]!);
  const ys = f.geometry.coordinates[0]!.map((p) => p[1]!);
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
};

async function download(page: Page, name: string | RegExp, scope = page.locator('body')): Promise<string> {
  const file = page.waitForEvent('download');
  await scope.getByRole('button', { name }).click();
  return (await file).path();
}

let dir: string;
let tiles: string[];
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-area-'));
  tiles = makeAreaTiles(dir);
});

test('four adjacent GeoTIFFs: footprints where they lie, Detect area finds each straddling object once, GeoPackage that GDAL reads, counts per zone', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, tiles);
  await page.keyboard.press('m');
  const areas = page.getByRole('region', { name: 'Areas' });
  const area = areas.getByRole('listitem', { name: 'Area 1' });
  await expect(area).toContainText('Area 1: 4 files · EPSG:25832 · 0.168 km²');
  // Each file where its GeoTIFF tags put it: 0.2 m pixels from E 550000, N 5805000, split at x 600 px, y 500 px.
  const files = area.getByRole('list', { name: 'Files' });
  await expect(files).toContainText('a.tif: E 550000.0–550120.0, N 5804900.0–5805000.0');
  await expect(files).toContainText('d.tif: E 550120.0–550409.6, N 5804590.4–5804900.0');
  // The pointer over the corner where the four files meet reads that place, in EPSG:25832 and in WGS 84.
  const corner = await screenOf(page, [550120, 5804900]);
  await page.mouse.move(corner.x, corner.y);
  const pointer = page.getByTestId('map-pointer');
  await expect(pointer).toContainText('(EPSG:25832)');
  const [, e, n] = /E ([\d.]+) N ([\d.]+)/.exec(await pointer.innerText())!.map(Number);
  const resolution = Number(await page.getByTestId('map').getAttribute('data-resolution'));
  expect(Math.abs(e! - 550120)).toBeLessThanOrEqual(2 * resolution);
  expect(Math.abs(n! - 5804900)).toBeLessThanOrEqual(2 * resolution);
  await expect(pointer).toContainText(/52\.39\d+° N 9\.73\d+° E \(WGS 84\)/);

  await area.getByRole('button', { name: 'Detect area' }).click();
  await expect(area.getByRole('status')).toContainText('Done: 0.168 of 0.168 km² · tile 25 / 25', { timeout: 150_000 });
  await expect(area).toContainText(/[1-9]\d* objects on the map/);

  const gpkg = await download(page, 'GeoPackage', area);
  const info = ogrinfo(gpkg);
  expect(info).toContain('Layer name: detections');
  expect(info).toContain('ETRS89 / UTM zone 32N');
  const shown = Number(/(\d+) objects on the map/.exec(await area.innerText())![1]);
  expect(featureCount(info)).toBe(shown);
  const app = asGeoJson(gpkg).features;
  for (const label of ['person', 'cat', 'horse']) expect(app.filter((f) => f.properties.label === label), label).toHaveLength(1);
  execFileSync('ogr2ogr', ['-f', 'CSV', join(dir, 'app.csv'), gpkg, '-lco', 'GEOMETRY=AS_WKT']);
  expect(readFileSync(join(dir, 'app.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(shown + 1);

  // The command line on the same four files gives the same features.
  const cliOut = join(dir, 'cli.gpkg');
  const run = await workbench('detect', ...tiles, '--format', 'gpkg', '--out', cliOut);
  expect(run.code, run.stderr).toBe(0);
  const cli = asGeoJson(cliOut).features;
  expect(cli).toHaveLength(app.length);
  for (const f of app) {
    const twin = cli.find((c) => c.properties.label === f.properties.label && iou(bounds(c), bounds(f)) >= 0.99);
    expect(twin, `${String(f.properties.label)} ${JSON.stringify(bounds(f))}`).toBeDefined();
    expect(twin!.properties.image_sha256).toBe(f.properties.image_sha256);
  }

  // Zones made with GDAL, in WGS 84 (the app reprojects them): one around the astronaut and the cat, one around
  // the horse, and one that crosses itself.
  const zones = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'west' }, geometry: { type: 'Polygon', coordinates: [[[550040, 5804560], [550160, 5804560], [550160, 5804960], [550040, 5804960], [550040, 5804560]]] } },
      { type: 'Feature', properties: { name: 'east' }, geometry: { type: 'Polygon', coordinates: [[[550280, 5804880], [550380, 5804880], [550380, 5804960], [550280, 5804960], [550280, 5804880]]] } },
      { type: 'Feature', properties: { name: 'bow tie' }, geometry: { type: 'Polygon', coordinates: [[[550000, 5804000], [550100, 5804100], [550100, 5804000], [550000, 5804100], [550000, 5804000]]] } },
    ],
  };
  writeFileSync(join(dir, 'zones.geojson'), JSON.stringify({ ...zones, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } }));
  execFileSync('ogr2ogr', ['-f', 'GPKG', '-t_srs', 'EPSG:4326', join(dir, 'zones.gpkg'), join(dir, 'zones.geojson'), '-nln', 'zones', '-skipfailures']);
  const zonesPanel = page.getByRole('region', { name: 'Counts per zone' });
  const chooser = page.waitForEvent('filechooser');
  await zonesPanel.getByRole('button', { name: 'Import zones…' }).click();
  await (await chooser).setFiles(join(dir, 'zones.gpkg'));
  await expect(zonesPanel).toContainText('2 zones from zones.gpkg, reprojected from EPSG:4326 to EPSG:25832');
  await expect(zonesPanel).toContainText('bow tie: its outer ring crosses itself');
  const table = zonesPanel.getByRole('table', { name: 'Objects per zone' });
  const row = (zone: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: zone }) });
  const column = async (label: string) => (await table.getByRole('columnheader').allInnerTexts()).indexOf(label);
  const cell = async (zone: string, label: string) => Number((await row(zone).locator('th, td').allInnerTexts())[await column(label)]);
  const person = app.find((f) => f.properties.label === 'person')!;
  const inWest = app.filter((f) => {
    const b = bounds(f);
    const [cx, cy] = [b.x + b.w / 2, b.y + b.h / 2];
    return cx > 550040 && cx < 550160 && cy > 5804560 && cy < 5804960;
  });
  expect(inWest.map((f) => f.properties.label)).toEqual(expect.arrayContaining(['person', 'cat']));
  expect(await cell('west', 'Total')).toBe(inWest.length);
  expect(await cell('west', 'person')).toBe(1);
  expect(await cell('east', 'horse')).toBe(1);

  const countsPath = await download(page, 'Counts as GeoPackage', zonesPanel);
  const counted = asGeoJson(countsPath).features;
  expect(counted.map((f) => [f.properties.zone, f.properties.total])).toEqual([['west', inWest.length], ['east', await cell('east', 'Total')]]);
  expect(ogrinfo(countsPath)).toContain('Geometry: Multi Polygon');
  const csv = readFileSync(await download(page, 'Counts as CSV', zonesPanel), 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^zone,.*person.*,total$/);

  // A click on the person's box opens its file in the editor, zoomed to the box.
  const b = bounds(person);
  const at = await screenOf(page, [b.x + b.w / 2, b.y + b.h * 0.3]);
  await page.mouse.click(at.x, at.y);
  await expect(page.getByRole('region', { name: 'Viewer' }).getByRole('img', { name: String(person.properties.image).replace(/^.*\//, '') })).toBeVisible();
  // Zoomed well past the whole file fitted into the stage (the box and as much again fill it).
  const stage = (await page.getByTestId('stage').boundingBox())!;
  expect(person.properties.image).toBe('c.tif'); // the file holding the box's centre, 600 × 1548 px
  const fitted = Math.min(stage.width / 600, stage.height / 1548);
  await expect.poll(async () => Number(await page.getByTestId('stage').getAttribute('data-zoom'))).toBeGreaterThan(1.5 * fitted);
});

test('Detect area pauses, survives a reload paused, and resumes where it stopped', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, tiles);
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  const area = page.getByRole('region', { name: 'Areas' }).getByRole('listitem', { name: 'Area 1' });
  await area.getByRole('button', { name: 'Detect area' }).click();
  const status = area.getByRole('status');
  await expect(status).toContainText(/tile ([6-9]|1\d) \/ 25/, { timeout: 120_000 });
  await area.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toContainText(/^Paused: .* km² · tile \d+ \/ 25/);
  const pausedAt = Number(/tile (\d+) \//.exec(await status.innerText())![1]);
  await page.reload();
  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await expect(status).toContainText(`Paused: `);
  await expect(status).toContainText(`tile ${pausedAt} / 25`);
  await area.getByRole('button', { name: 'Resume' }).click();
  // From the checkpoint saved at the pause, never from the first tile.
  expect(Number(/tile (\d+) \//.exec(await status.innerText())![1])).toBeGreaterThanOrEqual(pausedAt);
  await expect(status).toContainText('Done: 0.168 of 0.168 km² · tile 25 / 25', { timeout: 150_000 });
});
