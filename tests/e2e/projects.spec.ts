import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, menu, openFilters, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { SCHEMA_VERSION } from '../../src/storage/db';

const projectSelect = (page: Page) => page.getByRole('group', { name: 'Project' }).getByRole('combobox');
const thumbs = (page: Page) => page.getByRole('list', { name: 'Images' }).getByRole('listitem');

async function createProject(page: Page, name: string) {
  await menu(page, 'Project', 'New project…');
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(projectSelect(page)).toHaveValue(/.+/);
  await expect(projectSelect(page).locator('option:checked')).toHaveText(name);
}

test('projects: each has its own images; create, switch, rename, remembered across a reload, delete with confirmation', async ({ page }) => {
  await page.goto('/');
  await expect(projectSelect(page).locator('option:checked')).toHaveText('Default project');
  await importThroughChooser(page, fixturePath('astronaut.png'));
  await expect(thumbs(page)).toHaveCount(1);

  await createProject(page, 'Flight 12');
  await expect(page.getByText('No images yet.')).toBeVisible();
  await importThroughChooser(page, [fixturePath('chelsea.png'), fixturePath('rocket.jpg')]);
  await expect(thumbs(page)).toHaveCount(2);

  // A name already taken is refused with the reason.
  await menu(page, 'Project', 'New project…');
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('flight 12');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('a project named “Flight 12” already exists');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await projectSelect(page).selectOption({ label: 'Default project' });
  await expect(thumbs(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: /astronaut\.png/ })).toBeVisible();

  await projectSelect(page).selectOption({ label: 'Flight 12' });
  await expect(thumbs(page)).toHaveCount(2);
  await menu(page, 'Project', 'Rename…');
  const rename = page.getByRole('dialog', { name: 'Rename project' });
  await rename.getByRole('textbox', { name: 'Name' }).fill('Flight 12 north');
  await rename.getByRole('button', { name: 'Rename' }).click();

  await page.reload();
  await expect(projectSelect(page).locator('option:checked')).toHaveText('Flight 12 north');
  await expect(thumbs(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: /chelsea\.png/ })).toBeVisible();

  // Cancel keeps the project; confirming deletes it and opens the default project.
  await menu(page, 'Project', 'Delete project…');
  await page.getByRole('dialog', { name: 'Delete project “Flight 12 north”?' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(thumbs(page)).toHaveCount(2);
  await menu(page, 'Project', 'Delete project…');
  await page.getByRole('dialog', { name: 'Delete project “Flight 12 north”?' }).getByRole('button', { name: 'Delete project' }).click();
  await expect(projectSelect(page).locator('option:checked')).toHaveText('Default project');
  await expect(projectSelect(page).locator('option')).toHaveText(['Default project']);
  await expect(thumbs(page)).toHaveCount(1);
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(databases.filter((name) => name?.startsWith('recognition-workbench:'))).toEqual([]);
});

test('a database of the previous schema version opens migrated, its annotations summarised for the gallery', async ({ page }) => {
  // Write a version 2 database from a page of the same origin before the app ever opens it.
  await page.goto('/models/index.json');
  await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(40, 30);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c33';
    context.fillRect(0, 0, 40, 30);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const digest = await crypto.subtle.digest('SHA-256', await png.arrayBuffer());
    const sha = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('recognition-workbench', 2);
      request.onupgradeneeded = () => {
        const v2 = request.result;
        v2.createObjectStore('images', { keyPath: 'sha256' }).createIndex('byImportedAt', 'importedAt');
        v2.createObjectStore('blobs');
        v2.createObjectStore('thumbnails');
        const predictions = v2.createObjectStore('predictions', { keyPath: 'key' });
        predictions.createIndex('byImage', 'imageSha256');
        predictions.createIndex('byRun', 'runKey');
        v2.createObjectStore('settings');
        v2.createObjectStore('jobs', { keyPath: 'id' }).createIndex('byStatus', 'status');
        v2.createObjectStore('tileCheckpoints');
        v2.createObjectStore('previews');
        v2.createObjectStore('annotations', { keyPath: 'id' }).createIndex('byImage', 'imageSha256');
        v2.createObjectStore('audit', { keyPath: 'seq' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['images', 'blobs', 'thumbnails', 'annotations'], 'readwrite');
    tx.objectStore('images').put({ sha256: sha, fileName: 'old-survey.png', type: 'image/png', width: 40, height: 30, bytes: png.size, importedAt: '2026-01-01T00:00:00.000Z' });
    tx.objectStore('blobs').put(png, sha);
    tx.objectStore('thumbnails').put(png, sha);
    const box = { kind: 'bbox', box: { x: 1, y: 1, w: 10, h: 10 } };
    const common = { imageSha256: sha, shape: box, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    tx.objectStore('annotations').put({ ...common, id: 'a1', label: 'boat', score: 0.8, source: 'model:coco-centernet@1', status: 'suggested' });
    tx.objectStore('annotations').put({ ...common, id: 'a2', label: 'boat', score: 0.6, source: 'human:ana', status: 'accepted' });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  });

  await page.goto('/');
  await expect(thumbs(page)).toHaveCount(1);
  await expect(page.getByRole('button', { name: /old-survey\.png/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /boat/ })).toHaveText('boat 1');
  await openFilters(page);
  await page.getByRole('checkbox', { name: 'Suggestions pending' }).check();
  await expect(thumbs(page)).toHaveCount(1);
  await expect(page.getByTestId('gallery-count')).toContainText('Showing 1 of 1 images');
  expect(await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'recognition-workbench')?.version)).toBe(SCHEMA_VERSION);

  // Imported before MD5, SHA-1 and metadata were kept: "not computed" until asked, then computed from the stored bytes.
  await page.getByRole('button', { name: /old-survey\.png/ }).click();
  await showTab(page, 'Image');
  const panel = page.getByRole('region', { name: 'Metadata' });
  await expect(panel.getByTestId('meta-md5')).toHaveText('not computed');
  await panel.getByRole('button', { name: 'Compute hashes and metadata for 1 older image' }).click();
  await expect(panel.getByRole('status')).toHaveText('Computed hashes and metadata for 1 image.');
  await expect(panel.getByTestId('meta-md5')).toHaveText(/^[0-9a-f]{32}$/);
  await expect(panel.getByTestId('meta-sha1')).toHaveText(/^[0-9a-f]{40}$/);
});
