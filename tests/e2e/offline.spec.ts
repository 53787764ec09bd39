import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { menu, modelPicker, showTab } from '../helpers/app';
import { fixturePath, modelsDir, repoRoot } from '../helpers/fixtures';

const modelIds = (JSON.parse(readFileSync(join(modelsDir, 'index.json'), 'utf8')) as { models: string[] }).models;

/** Every file the app reads to list and load the bundled models: all must be precached. */
function modelFiles(): string[] {
  return [
    'models/index.json',
    ...modelIds.flatMap((id) => {
      const manifest = JSON.parse(readFileSync(join(modelsDir, id, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
      return [`models/${id}/manifest.json`, ...manifest.files.map((f) => `models/${id}/${f.path}`)];
    }),
  ];
}

/** The first visit: waits for the service worker and for Cache Storage to hold every model file. */
async function firstVisit(page: Page): Promise<void> {
  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(
    async (paths) => {
      const hits = await Promise.all(paths.map((p) => caches.match(new URL(p, location.origin).href, { ignoreSearch: true })));
      return hits.every(Boolean);
    },
    modelFiles(),
    { polling: 250 },
  );
  await expect(page.getByTestId('offline-models')).toHaveText(`Offline-ready: ${modelIds.length}/${modelIds.length} models`);
}

async function importFile(page: Page, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await chooser).setFiles(fixturePath(name));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 image' })).toBeVisible();
}

test('the preview build is cross-origin isolated, sends the CSP and is installable', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  expect(headers['content-security-policy']).toContain("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:");
  expect(headers['content-security-policy']).toContain("connect-src 'self'");
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("connect-src 'self'");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('connection')).toHaveText('Online');

  const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = (await (await page.request.get(manifestUrl!)).json()) as { display: string; icons: { src: string; sizes: string }[] };
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const image = await page.request.get(icon.src);
    expect(image.headers()['content-type']).toBe('image/png');
  }
});

test('after one visit the app opens offline, keeps its images, loads the models and detects', async ({ page, context }) => {
  await firstVisit(page);
  await importFile(page, 'rocket.jpg');

  await context.setOffline(true);
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  // Debian's Chromium 150 gives a document loaded under Playwright's offline emulation navigator.onLine = true (the
  // emulation reaches the page only as a change): going online and offline again is the disconnection it hears.
  await context.setOffline(false);
  await context.setOffline(true);
  // Really offline: a file the service worker does not hold cannot be fetched.
  expect(await page.evaluate(() => fetch('/not-precached.txt').then(() => 'fetched', () => 'failed'))).toBe('failed');
  await expect(page.getByTestId('connection')).toHaveText('Offline');
  await expect(page.getByRole('button', { name: /rocket\.jpg/ })).toBeVisible();

  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await importFile(page, 'astronaut.png');
  await page.getByRole('button', { name: /astronaut\.png/ }).click();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('person');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');

  // geotiff's codec chunks come from the cache too.
  await importFile(page, 'mosaic-utm32n.tif');
  await page.getByRole('button', { name: /mosaic-utm32n\.tif/ }).click();
  await expect(page.getByText('2048 × 2048 px')).toBeVisible();

  await expect(page.getByTestId('storage-usage')).toContainText(/Storage: [\d.]+ [KMG]?B of/);
});

test('a model file missing from the cache: which model, fetched next time online; the rest works offline', async ({ page, context }) => {
  await firstVisit(page);
  const evicted = await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) if (request.url.includes('/coco-centernet/centernet.bin')) return cache.delete(request);
    }
    return false;
  });
  expect(evicted).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'not available offline' })).toHaveText(
    'Model CenterNet MobileNetV3 · COCO objects is not available offline (file centernet.bin missing from the cache); ' +
      'it will be fetched on your next online visit. The other models and the rest of the app work offline.',
  );
  await expect(page.getByTestId('offline-models')).toContainText(`Offline-ready: ${modelIds.length - 1}/${modelIds.length} models`);

  await modelPicker(page).selectOption('face-blazeface');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await importFile(page, 'astronaut.png');
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('face');

  await context.setOffline(false);
  await expect(page.getByTestId('offline-models')).toHaveText(`Offline-ready: ${modelIds.length}/${modelIds.length} models`);
});

test('a new version is announced and applied only when the user chooses', async ({ page }) => {
  await firstVisit(page);
  const sw = join(repoRoot, 'dist/sw.js');
  const original = readFileSync(sw, 'utf8');
  try {
    writeFileSync(sw, `${original}\n// next version\n`); // a new deployment, as far as the browser can tell
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    const banner = page.getByRole('status', { name: 'Update available' });
    await expect(banner).toContainText('A new version of the workbench is ready');

    await page.getByRole('button', { name: 'Later' }).click();
    await expect(banner).toBeHidden();
    await page.reload(); // the new version still waits, and says so again
    await expect(banner).toBeVisible();

    await page.evaluate(() => ((window as { beforeUpdate?: boolean }).beforeUpdate = true));
    await page.getByRole('button', { name: 'Reload now' }).click();
    await page.waitForFunction(() => !(window as { beforeUpdate?: boolean }).beforeUpdate); // reloaded
    await expect(banner).toBeHidden();
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !r?.waiting && !!r?.active))).toBe(true);
  } finally {
    writeFileSync(sw, original);
  }
});
