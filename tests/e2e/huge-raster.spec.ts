import { copyFileSync, mkdtempSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { menu, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { hugeSparseGeoTiff } from '../helpers/huge-raster';
import { rendererPeak } from '../helpers/process-memory';

test('a 100,000² sparse GeoTIFF imports in seconds beside another file; a run over it asks first, with its estimate', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'huge-e2e-'));
  const huge = hugeSparseGeoTiff(dir);
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  const measured = await rendererPeak(async () => {
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'Import', 'Import images…');
    await (await chooser).setFiles([huge, fixturePath('astronaut.png')]);
    await expect(page.getByRole('status').filter({ hasText: /^Imported 2 images/ })).toBeVisible();
  });
  console.log(`100,000² GeoTIFF + astronaut.png imported: ${measured.seconds.toFixed(1)} s, largest renderer ${measured.beforeMb.toFixed(0)} MB before, ${measured.peakMb.toFixed(0)} MB at its peak`);

  await page.getByRole('button', { name: /huge\.tif/ }).click();
  await expect(page.getByText('100000 × 100000 px')).toBeVisible();
  await showTab(page, 'Image');
  await expect(page.getByTestId('preview-note')).toContainText('Preview made from 121 of its 38,416 blocks (0.31 %): the file has no overviews');
  await expect(page.getByRole('region', { name: 'Georeference' })).toContainText('(GeoTIFF tags) · EPSG:25832');

  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Large run' });
  await expect(dialog).toContainText('This run takes 59,536 model runs (tiles of 512 px) over 1 image, the largest huge.tif (100,000 × 100,000 px): about');
  await expect(dialog).toContainText(/ms per tile here/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Working…')).toHaveCount(0);
});

test('a file can be skipped while it is read; the next one still imports', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'skip-e2e-'));
  const padded = join(dir, 'padded.tif');
  copyFileSync(hugeSparseGeoTiff(dir), padded);
  truncateSync(padded, 2 * 2 ** 30); // 2 GB that take a while to hash (sparse on disk: no space used)
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await chooser).setFiles([padded, fixturePath('chelsea.png')]);
  const progress = page.getByRole('group', { name: 'Importing progress' });
  await expect(progress).toContainText(/hashing padded\.tif: \d+ %/);
  await page.getByRole('button', { name: 'Skip this file' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Imported/ })).toHaveText('Imported 1 image, 1 skipped.');
  await expect(page.getByTestId('gallery-count')).toHaveText('1 image');
  await expect(page.getByRole('button', { name: /chelsea\.png/ })).toBeVisible();
});
