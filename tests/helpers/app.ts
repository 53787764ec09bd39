import { expect, type Page } from '@playwright/test';

/** Imports files through the real file chooser, as a person would, and waits for the import summary. */
export async function importThroughChooser(page: Page, files: string | string[], button = 'Import images…'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
  await expect(page.getByRole('status').filter({ hasText: /^Imported \d+ images?/ })).toBeVisible();
}
