import { expect, test } from '@playwright/test';
import { importThroughChooser, openRunSettings, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

test('a 2048² GeoTIFF imports as a plain TIFF, is tiled by default, and the astronaut cut by tile borders comes out once', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('mosaic-utm32n.tif'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 image' })).toBeVisible();
  await expect(page.getByText('2048 × 2048 px')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Viewer' }).getByRole('img', { name: 'mosaic-utm32n.tif' })).toBeVisible();

  await openRunSettings(page);
  await expect(page.getByLabel('Tiling')).toHaveValue('auto');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('tiled (25 tiles)', { timeout: 120_000 });
  const list = page.getByRole('list', { name: 'Detections list' });
  await expect(list.getByRole('listitem').filter({ hasText: /^person/ })).toHaveCount(1);
  await expect(list).toContainText('horse');
  // The person's box is the astronaut's (x 308, y 309, w 361, h 503 in the mosaic), not a tile's quarter of it.
  const box = await list.getByRole('listitem').filter({ hasText: /^person/ }).locator('.box').innerText();
  const [x, y, w, h] = (box.match(/\d+/g) ?? []).map(Number) as [number, number, number, number];
  const iou = (() => {
    const ix = Math.max(0, Math.min(x + w, 669) - Math.max(x, 308));
    const iy = Math.max(0, Math.min(y + h, 812) - Math.max(y, 309));
    return (ix * iy) / (w * h + 361 * 503 - ix * iy);
  })();
  expect(iou).toBeGreaterThan(0.8);

  // Whole-image is another run setting with its own cache entry; back to auto finds the tiled result cached.
  await page.getByLabel('Tiling').selectOption('whole');
  await expect(page.getByText('Not run with')).toBeVisible();
  await page.getByLabel('Tiling').selectOption('auto');
  await expect(page.getByTestId('result-source')).toContainText(/From cache .*tiled \(25 tiles\)/);
});

test('a tiled run of one large image continues from its last checkpoint after a reload', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('mosaic-utm32n.tif'));
  await page.keyboard.press('r');
  const working = page.getByRole('status').filter({ hasText: /tile \d+ \/ 25/ });
  await expect(working).toContainText(/tile (1[2-9]|2\d) \/ 25/, { timeout: 120_000 });
  await page.reload();

  await expect(working).toBeVisible({ timeout: 60_000 });
  const firstAfterReload = Number(/tile (\d+) \//.exec(await working.innerText())?.[1]);
  expect(firstAfterReload).toBeGreaterThanOrEqual(6); // not from tile 1: checkpoints are saved every 5 tiles
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('tiled (25 tiles)', { timeout: 120_000 });
  await expect(page.getByRole('list', { name: 'Detections list' }).getByRole('listitem').filter({ hasText: /^person/ })).toHaveCount(1);
});
