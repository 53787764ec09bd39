import { expect, type Page } from '@playwright/test';
import { fixturePath } from './fixtures';

/** Opens one of the header's menus (Project, Import, Export, Analyse) and chooses an item, as a person would. */
export async function menu(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menus' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('menu', { name }).getByRole('menuitem', { name: item }).click();
}

/** Shows one of the side panel's tabs for the open image: Annotations, Model output, Tags or Image. */
export async function showTab(page: Page, name: 'Annotations' | 'Model output' | 'Tags' | 'Image'): Promise<void> {
  await page.getByRole('tablist', { name: 'Image details' }).getByRole('tab', { name }).click();
}

/** Opens the folded run settings (backend, threads, tiling, 16-bit stretch) under the Run panel. */
export async function openRunSettings(page: Page): Promise<void> {
  const settings = page.getByRole('group', { name: 'Run settings' });
  if (!(await settings.isVisible())) await page.getByRole('region', { name: 'Run' }).getByText('Run settings').click();
  await expect(settings).toBeVisible();
}

/** Unfolds the gallery's filters (review status, source, score, evidence filters) when they are folded. */
export async function openFilters(page: Page): Promise<void> {
  const toggle = page.getByRole('region', { name: 'Filters' }).getByRole('button', { name: /^Filters/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** The Run panel's Models menu: Add model… or Model library…. */
export async function modelsMenu(page: Page, item: 'Add model…' | 'Model library…'): Promise<void> {
  await page.getByRole('region', { name: 'Run' }).getByRole('button', { name: 'Models', exact: true }).click();
  await page.getByRole('menu', { name: 'Models' }).getByRole('menuitem', { name: item }).click();
}

/** The model picker of the Run panel. */
export const modelPicker = (page: Page) => page.getByRole('combobox', { name: 'Model', exact: true });

/** Imports files through the real file chooser, as a person would, and waits for the import summary. */
export async function importThroughChooser(page: Page, files: string | string[], item = 'Import images…'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', item);
  await (await chooser).setFiles(files);
  await expect(page.getByRole('status').filter({ hasText: /^Imported \d+ images?/ })).toBeVisible();
}

/** camera.png and horse.png imported, CenterNet run on camera.png (a person and, weakly, a car), Min score 0.2. */
export async function detectOnCamera(page: Page): Promise<void> {
  await importThroughChooser(page, [fixturePath('camera.png'), fixturePath('horse.png')]);
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the slider
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
