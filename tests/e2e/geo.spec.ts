import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

interface Collection {
  crs?: { properties: { name: string } };
  features: { geometry: { coordinates: number[][][] }; properties: { label: string; image_sha256: string } }[];
}

async function downloadGeoJson(page: Page, button: RegExp): Promise<{ path: string; json: Collection }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const path = await (await download).path();
  return { path, json: JSON.parse(readFileSync(path, 'utf8')) as Collection };
}

/** The mosaic's astronaut lies at E 550060–550162.4, N 5804837.6–5804940; the person box sits inside it. */
function expectPersonOnTheAstronaut(json: Collection): void {
  const person = json.features.find((f) => f.properties.label === 'person');
  const ring = person!.geometry.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  expect(Math.min(...xs)).toBeGreaterThan(550058);
  expect(Math.max(...xs)).toBeLessThan(550164);
  expect(Math.min(...ys)).toBeGreaterThan(5804836);
  expect(Math.max(...ys)).toBeLessThan(5804942);
}

test('a GeoTIFF shows map coordinates under the cursor, detects tiled and exports GeoJSON that GDAL reads', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('mosaic-utm32n.tif'));
  await showTab(page, 'Image');
  await expect(page.getByRole('region', { name: 'Georeference' })).toContainText('(GeoTIFF tags) · EPSG:25832');

  // The pixel under the pointer and where it is on the map: E = 550000 + 0.2·x, N = 5805000 − 0.2·y.
  const frame = page.locator('.frame');
  const box = (await frame.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 4);
  const text = await page.getByTestId('cursor-position').innerText();
  const [, x, y, e, n] = /x (\d+) y (\d+) px · E ([\d.]+) N ([\d.]+) \(EPSG:25832\)/.exec(text)!.map(Number);
  expect(e!).toBeCloseTo(550000 + 0.2 * x!, 0);
  expect(n!).toBeCloseTo(5805000 - 0.2 * y!, 0);

  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('tiled (25 tiles)', { timeout: 120_000 });
  const shown = await page.getByRole('list', { name: 'Detections list' }).getByRole('listitem').count();
  await showTab(page, 'Image');

  const native = await downloadGeoJson(page, /GeoJSON \(EPSG:25832\)/);
  expect(native.json.crs?.properties.name).toBe('urn:ogc:def:crs:EPSG::25832');
  expect(native.json.features).toHaveLength(shown);
  expectPersonOnTheAstronaut(native.json);
  const info = execFileSync('ogrinfo', ['-ro', '-al', '-so', native.path], { encoding: 'utf8' });
  expect(info).toContain(`Feature Count: ${shown}`);
  expect(info).toContain('ETRS89 / UTM zone 32N');

  const wgs84 = await downloadGeoJson(page, /GeoJSON \(WGS 84\)/);
  expect(wgs84.json.crs).toBeUndefined();
  const lon = wgs84.json.features[0]!.geometry.coordinates[0]![0]![0]!;
  expect(lon).toBeGreaterThan(9.73);
  expect(lon).toBeLessThan(9.76);
  expect(execFileSync('ogrinfo', ['-ro', '-al', '-so', wgs84.path], { encoding: 'utf8' })).toContain('WGS 84');
});

test('a JPEG with its world file is placed on the map once the user names the CRS the file left out', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [fixturePath('mosaic-worldfile.jpg'), fixturePath('mosaic-worldfile.jgw')]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 image' })).toBeVisible();
  await showTab(page, 'Image');
  const geo = page.getByRole('region', { name: 'Georeference' });
  await expect(geo).toContainText('(world file) · no CRS');
  await geo.getByLabel(/EPSG code/).fill('25832');
  await geo.getByRole('button', { name: 'Set CRS' }).click();
  await expect(geo).toContainText('EPSG:25832');

  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('tiled', { timeout: 120_000 });
  await showTab(page, 'Image');
  const native = await downloadGeoJson(page, /GeoJSON \(EPSG:25832\)/);
  expectPersonOnTheAstronaut(native.json);
  await page.reload();
  await showTab(page, 'Image');
  await expect(page.getByRole('region', { name: 'Georeference' })).toContainText('EPSG:25832');
});
