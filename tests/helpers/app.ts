import { expect, type Page } from '@playwright/test';
import { fixturePath } from './fixtures';

/** Imports files through the real file chooser, as a person would, and waits for the import summary. */
export async function importThroughChooser(page: Page, files: string | string[], button = 'Import images…'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
  await expect(page.getByRole('status').filter({ hasText: /^Imported \d+ images?/ })).toBeVisible();
}

/** camera.png and horse.png imported, CenterNet run on camera.png (a person and, weakly, a car), Min score 0.2. */
export async function detectOnCamera(page: Page): Promise<void> {
  await importThroughChooser(page, [fixturePath('camera.png'), fixturePath('horse.png')]);
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
}

/** Waits until the service worker holds the app and every bundled model, so a reload works offline. */
export async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect(page.getByTestId('offline-models')).toHaveText(/^Offline-ready: (\d+)\/\1 models$/);
}

/** Boxes drawn on the viewer's overlay, by label, in image pixels (from each box's data-box). */
export async function drawnBoxes(page: Page): Promise<Record<string, { x: number; y: number; w: number; h: number }[]>> {
  const found = await page.locator('svg.overlay g[data-label]').evaluateAll((groups) =>
    groups.map((g) => [g.getAttribute('data-label')!, g.getAttribute('data-box')!.split(',').map(Number)] as const),
  );
  const boxes: Record<string, { x: number; y: number; w: number; h: number }[]> = {};
  for (const [label, [x, y, w, h]] of found) (boxes[label] ??= []).push({ x: x!, y: y!, w: w!, h: h! });
  return boxes;
}
