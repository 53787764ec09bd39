import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, menu, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const projectSelect = (page: Page) => page.getByRole('group', { name: 'Project' }).getByRole('combobox');
const thumbs = (page: Page) => page.getByRole('list', { name: 'Images' }).getByRole('listitem');

/** Everything a project's database holds that a backup must carry, read with the raw IndexedDB API. */
function dumpProjectDb(page: Page, prefix: string) {
  return page.evaluate(async (prefix) => {
    const name = (await indexedDB.databases()).map((d) => d.name!).find((n) => n.startsWith(prefix))!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const digest = async (blob: Blob) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');
    const blobs = (await all('blobs')) as Blob[];
    const result = {
      images: await all('images'),
      annotations: await all('annotations'),
      audit: await all('audit'),
      summaries: await all('imageSummaries'),
      blobHashes: (await Promise.all(blobs.map(digest))).sort(),
    };
    db.close();
    return result;
  }, prefix);
}

test('back up a project, restore it in a fresh browser profile: identical images, annotations and audit chain; a tampered bundle is refused', async ({ page, browser }) => {
  await page.goto('/');
  await menu(page, 'Project', 'New project…');
  await page.getByRole('dialog', { name: 'New project' }).getByRole('textbox', { name: 'Name' }).fill('Case 114');
  await page.getByRole('dialog', { name: 'New project' }).getByRole('button', { name: 'Create' }).click();
  await expect(projectSelect(page).locator('option:checked')).toHaveText('Case 114');
  await importThroughChooser(page, [fixturePath('camera.png'), fixturePath('horse.png')]);
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the slider
  await page.keyboard.press('Enter'); // suggestions
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items.first()).toContainText('suggested');
  await page.keyboard.press('Enter'); // accept the first
  await expect(items.first()).toContainText('accepted');
  await expect(page.getByTestId('audit-status')).toContainText('2 entries, hash chain verified');
  const original = await dumpProjectDb(page, 'recognition-workbench:');
  expect(original.images).toHaveLength(2);
  expect(original.audit).toHaveLength(2);

  const download = page.waitForEvent('download');
  await menu(page, 'Project', 'Back up…');
  await page.getByRole('dialog', { name: 'Back up project' }).getByRole('button', { name: 'Back up', exact: true }).click();
  const bundlePath = await (await download).path();
  expect((await download).suggestedFilename()).toMatch(/^Case 114-\d{4}-\d\d-\d\d\.workbench\.zip$/);
  const bundle = new Uint8Array(readFileSync(bundlePath));

  // A fresh profile: a new context shares no storage with the first.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await expect(projectSelect(other).locator('option:checked')).toHaveText('Default project');
  expect(await other.evaluate(async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('recognition-workbench:')))).toBe(false);

  // Tampered: one annotation's label changed, the manifest left as it was.
  const files = unzipSync(bundle);
  files['annotations.json'] = strToU8(strFromU8(files['annotations.json']!).replace('"person"', '"persoN"'));
  await other.getByTestId('restore-input').setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(files)) });
  await expect(other.getByRole('alert')).toContainText('tampered.zip was not restored: annotations.json: its SHA-256 does not match the manifest: the file was altered');
  await expect(projectSelect(other).locator('option')).toHaveText(['Default project']);
  expect(await other.evaluate(async () => (await indexedDB.databases()).some((d) => d.name?.startsWith('recognition-workbench:')))).toBe(false);

  // Cut short: refused too.
  await other.getByTestId('restore-input').setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: Buffer.from(bundle.subarray(0, bundle.length >> 1)) });
  await expect(other.getByRole('alert')).toContainText(/cut\.zip was not restored: (cut\.zip: not a readable zip|manifest\.json: missing).* cut short/);
  await expect(projectSelect(other).locator('option')).toHaveText(['Default project']);

  await other.getByTestId('restore-input').setInputFiles(bundlePath);
  await expect(other.getByTestId('backup-message')).toContainText('Restored “Case 114”');
  await expect(projectSelect(other).locator('option:checked')).toHaveText('Case 114');
  await expect(thumbs(other)).toHaveCount(2);
  await expect(other.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /^person/ })).toHaveText('person 1');
  const restored = await dumpProjectDb(other, 'recognition-workbench:');
  expect(restored).toEqual(original);
  expect(restored.blobHashes).toEqual(original.images.map((i) => (i as { sha256: string }).sha256).sort());

  await other.getByRole('button', { name: /camera\.png/ }).click();
  await other.keyboard.press('r'); // from the restored cache: no new inference needed to show the review panel
  await expect(other.getByTestId('audit-status')).toHaveText('Audit log: 2 entries, hash chain verified');
  await fresh.close();
});
