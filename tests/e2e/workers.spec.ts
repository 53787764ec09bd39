import { type Browser, expect, type Page, test } from '@playwright/test';
import { importThroughChooser, openRunSettings } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

// Three photos (one decoded straight to the model size from a JPEG, two enlarged PNGs) and a 2048² JPEG that is
// cut into 25 tiles: what a batch does, on one worker and on two.
const FILES = ['astronaut.png', 'rocket.jpg', 'horse.png', 'mosaic-worldfile.jpg'].map(fixturePath);

/** Every stored result of the default project, by image hash: the detections exactly as written. */
function storedResults(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('recognition-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('predictions').objectStore('predictions').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            open.result.close();
            const records = request.result as { imageSha256: string; detections: unknown; tiles?: number }[];
            resolve(Object.fromEntries(records.map((r) => [r.imageSha256, { tiles: r.tiles, detections: r.detections }])));
          };
        };
      }),
  );
}

async function detectAllWith(browser: Browser, workers: '1' | '2') {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto('/');
    const status = page.getByTestId('engine-status');
    await expect(status).toHaveText(/Running on wasm/);
    await openRunSettings(page);
    await page.getByRole('group', { name: 'Run settings' }).getByRole('combobox', { name: 'Workers' }).selectOption(workers);
    await expect(status).toHaveText(workers === '2' ? /Running on wasm.* · batches on 2 workers/ : /Running on wasm/);
    if (workers === '1') await expect(status).not.toContainText('batches on');
    await importThroughChooser(page, FILES);
    await page.getByRole('button', { name: 'Detect all' }).click();
    const progress = page.getByRole('group', { name: 'Detecting progress' });
    await expect(progress).toContainText(`/ ${FILES.length}`);
    await expect(progress).toBeHidden({ timeout: 170_000 });
    await page.getByRole('group', { name: 'Run settings' }).locator('.backend-details summary').click();
    const stats = page.getByTestId('engine-stats');
    if (workers === '2') await expect(stats).toContainText(/ · (2[8-9]|[3-9]\d) runs on 2 batch workers/); // 3 photos + 25 tiles
    else await expect(stats).not.toContainText('batch workers');
    const results = await storedResults(page);
    expect(Object.keys(results)).toHaveLength(FILES.length);
    return results;
  } finally {
    await context.close();
  }
}

test('two inference workers store exactly the results one worker stores, tiles included', async ({ browser }) => {
  test.setTimeout(400_000);
  const one = await detectAllWith(browser, '1');
  const two = await detectAllWith(browser, '2');
  expect(Object.values(one).some((r) => (r as { tiles?: number }).tiles === 25)).toBe(true);
  expect(Object.values(one).every((r) => ((r as { detections: unknown[] }).detections.length > 0))).toBe(true);
  expect(two).toEqual(one);
});
