import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, menu, openFilters, showTab } from '../helpers/app';
import { evidenceFiles } from '../helpers/evidence-files';

const files = evidenceFiles();
const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

async function saveDownload(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  const path = join(files.dir, name);
  await (await download).saveAs(path);
  return path;
}

test('photos with GPS: time and position in the panel, gallery filters, GPS points exported and read back by GDAL', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [files.starfish, files.rocket, files.astronaut, files.hostile]);
  // Hostile EXIF: the image imports, the report and the panel say what could not be read, the readable make stays.
  await expect(page.getByText(/rocket-hostile\.jpg.*imported; its metadata is incomplete: unreadable metadata: an offset points past the end/)).toBeVisible();
  await page.getByRole('button', { name: /rocket-hostile\.jpg/ }).click();
  await showTab(page, 'Image');
  const panel = page.getByRole('region', { name: 'Metadata' });
  await expect(panel.getByRole('alert')).toContainText('Metadata: unreadable metadata: an offset points past the end of the metadata block');
  await expect(panel.getByTestId('meta-camera')).toHaveText('Sony A7');
  await expect(panel.getByTestId('meta-gps')).toHaveCount(0);

  await page.getByRole('button', { name: /rocket-canon\.jpg/ }).click();
  await expect(panel.getByTestId('meta-captured')).toHaveText('2024-03-05T14:15:16-05:00');
  await expect(panel.getByTestId('meta-camera')).toHaveText('Canon EOS R5');
  await expect(panel.getByTestId('meta-gps')).toHaveText('40.689200, -74.044500');
  await expect(panel.getByTestId('meta-altitude')).toHaveText('10 m');
  await expect(panel.getByTestId('meta-md5')).toHaveText(md5(files.rocket));

  await page.getByRole('button', { name: /starfish\.jpg/ }).click();
  await expect(panel.getByTestId('meta-camera')).toHaveText('Nokia Lumia 820');
  await expect(panel.getByTestId('meta-gps')).toHaveText('55.038756, 8.457191');

  // Sorted by capture time: the 2013 phone photo first, then the 2024 one, then the astronaut without a time.
  await page.getByRole('region', { name: 'Filters' }).getByLabel('Sort').selectOption('captured');
  const names = page.getByRole('list', { name: 'Images' }).locator('.thumb-name');
  await expect(names).toHaveText(['starfish.jpg', 'rocket-canon.jpg', 'astronaut.png', 'rocket-hostile.jpg']);
  await openFilters(page);
  const evidence = page.getByRole('region', { name: 'Evidence filters' });
  await evidence.getByLabel('Has GPS').check();
  await expect(page.getByTestId('gallery-count')).toContainText('Showing 2 of 4 images');
  await evidence.getByLabel('Camera').selectOption('Canon EOS R5');
  await expect(names).toHaveText(['rocket-canon.jpg']);
  await evidence.getByLabel('Camera').selectOption('');

  const geojson = await saveDownload(page, () => menu(page, 'Export', 'GPS points as GeoJSON'), 'points.geojson');
  await expect(page.getByTestId('evidence-notice')).toHaveText('Exported 2 GPS positions as GeoJSON.');
  const info = execFileSync('ogrinfo', ['-al', '-ro', geojson], { encoding: 'utf8' });
  expect(info).toContain('Feature Count: 2');
  expect(info).toContain('WGS 84');
  expect(info).toMatch(/POINT Z \(8\.4571906 55\.0387558 0\.05\)/);
  expect(info).toMatch(/POINT Z \(-74\.0445 40\.6892 10\)/);
  expect(info).toContain('time (DateTime) = 2024/03/05 14:15:16-05'); // GDAL reads the offset too
  expect(info).toContain('camera (String) = Nokia Lumia 820');
  const csv = await saveDownload(page, () => menu(page, 'Export', 'GPS points as CSV'), 'points.csv');
  expect(readFileSync(csv, 'utf8').split('\r\n')[2]).toMatch(/^rocket-canon\.jpg,[0-9a-f]{64},40\.6892,-74\.0445,10,2024-03-05T14:15:16-05:00,Canon,EOS R5$/);
});

test('a hash list flags the images it holds and names its malformed lines; the case report states hashes, metadata, reviewed labels, matches and the audit head', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [files.starfish, files.rocket, files.astronaut]);
  const listPath = join(files.dir, 'seized.txt');
  const laterSha256 = createHash('sha256').update(readFileSync(files.astronautCopy)).digest('hex');
  writeFileSync(listPath, [md5(files.rocket), 'no hash here', createHash('sha1').update(readFileSync(files.starfish)).digest('hex'), laterSha256, ''].join('\n'));

  await menu(page, 'Analyse', 'Hash lists…');
  const dialog = page.getByRole('dialog', { name: 'Hash lists' });
  await dialog.getByLabel('Hash list file').setInputFiles(listPath);
  await dialog.getByLabel('List name').fill('Case 17 known set');
  await dialog.getByRole('button', { name: 'Load list' }).click();
  await expect(dialog.getByTestId('hash-list-loaded')).toContainText('Loaded Case 17 known set: 1 MD5, 1 SHA-1, 1 SHA-256 from 4 lines; 1 malformed line skipped. 2 images match.');
  await expect(dialog.getByRole('list', { name: 'Malformed lines' })).toHaveText('line 2: "no" is not a hex MD5, SHA-1 or SHA-256');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const grid = page.getByRole('list', { name: 'Images' });
  await expect(grid.getByTestId('hash-flag')).toHaveCount(2);
  await expect(grid.getByRole('button', { name: /rocket-canon\.jpg/ }).getByTestId('hash-flag')).toHaveText('⚑ Case 17 known set');
  await openFilters(page);
  await page.getByRole('region', { name: 'Evidence filters' }).getByLabel('Hash sets').selectOption('Case 17 known set');
  await expect(grid.locator('.thumb-name')).toHaveText(['starfish.jpg', 'rocket-canon.jpg']);
  await page.getByRole('button', { name: /rocket-canon\.jpg/ }).click();
  await showTab(page, 'Image');
  await expect(page.getByTestId('hash-matches')).toHaveText('In hash list: Case 17 known set (MD5)');
  await page.getByRole('region', { name: 'Evidence filters' }).getByLabel('Hash sets').selectOption('');
  // An image the list holds, imported after the list was loaded, is flagged too.
  await importThroughChooser(page, files.astronautCopy);
  await expect(grid.getByRole('button', { name: /astronaut-small\.jpg/ }).getByTestId('hash-flag')).toHaveText('⚑ Case 17 known set');

  // A reviewed label on the astronaut, for the report.
  await page.getByRole('button', { name: /astronaut\.png/ }).click();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('person');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the tab
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first()).toContainText(/person .*accepted/);
  // Three hash-match entries (two at loading, one at the later import), then the suggestions and the accept.
  await expect(page.getByTestId('audit-status')).toHaveText('Audit log: 5 entries, hash chain verified');
  const entries = 5;

  await menu(page, 'Export', 'Case report…');
  const report = page.getByRole('dialog', { name: 'Case report' });
  await report.getByLabel('Case number').fill('2026/0417');
  await report.getByLabel('Analyst').fill('Ana Analyst');
  const path = await saveDownload(page, () => report.getByRole('button', { name: 'Write report' }).click(), 'report.html');
  await expect(report.getByRole('status')).toContainText('Wrote the report on 4 images');
  const html = readFileSync(path, 'utf8');
  for (const text of [
    'Case 2026/0417',
    'Ana Analyst',
    md5(files.rocket),
    createHash('sha256').update(readFileSync(files.starfish)).digest('hex'),
    '2024-03-05T14:15:16-05:00',
    '40.6892000, -74.0445000, 10 m (WGS 84)',
    'Nokia Lumia 820',
    'Case 17 known set</span> (MD5)',
    'Case 17 known set</span> (SHA-1)',
    'model:coco-centernet@',
  ]) {
    expect(html, text).toContain(text);
  }
  expect(html).toMatch(/<td>person<\/td><td>accepted<\/td>/);
  expect(html).toMatch(/human:[^,<]+, \d{4}-\d\d-\d\dT/);
  expect(html).toContain(`<tr><th>Audit log entries</th><td>${entries}</td></tr>`);
  expect(html).toMatch(/id="audit-head">[0-9a-f]{64}</);
  expect(html).toContain('<tr><th>Hash chain</th><td>verifies</td></tr>');
  expect(html).not.toMatch(/https?:|<script/);
  expect((html.match(/<img src="data:image\/webp;base64,/g) ?? []).length).toBe(4);
});

test('near-duplicates: a shrunk, recompressed copy groups with its original, and one per group is shown', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [files.astronaut, files.rocket, files.astronautCopy]);
  await menu(page, 'Analyse', 'Similar images…');
  const dialog = page.getByRole('dialog', { name: 'Similar images' });
  await expect(dialog.getByTestId('similar-count')).toHaveText('1 group of similar images.');
  const group = dialog.getByRole('list', { name: 'Similar groups' }).getByRole('listitem').first();
  await expect(group.getByRole('button')).toContainText(['astronaut.png', 'astronaut-small.jpg']);
  await expect(group).toContainText(/astronaut-small\.jpg\s*\d+ bits apart/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openFilters(page);
  await page.getByRole('region', { name: 'Evidence filters' }).getByLabel('One per similar group').check();
  await expect(page.getByRole('list', { name: 'Images' }).locator('.thumb-name')).toHaveText(['astronaut.png', 'rocket-canon.jpg']);
});
