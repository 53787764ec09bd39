import { expect, test } from '@playwright/test';
import { importThroughChooser } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

test('the content classifier tags photos as image-level labels, and the choice of model is remembered', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [fixturePath('astronaut.png'), fixturePath('rocket.jpg')]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 images' })).toBeVisible();

  await page.locator('.model-panel').getByLabel('Model').selectOption('content-mobilenetv2');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.getByRole('button', { name: 'Classify all' }).click();
  const gallery = page.getByRole('list', { name: 'Images' });
  await expect(gallery.locator('.thumb-badge')).toHaveText(['Neutral', 'Drawing']);

  const tags = page.getByRole('list', { name: 'Image tags' });
  await expect(tags.getByRole('listitem').first()).toContainText(/Neutral 0\.9\d/);
  await expect(page.getByRole('list', { name: 'Detections list' })).toHaveCount(0);

  await page.reload();
  await expect(page.locator('.model-panel').getByLabel('Model')).toHaveValue('content-mobilenetv2');
  await expect(page.getByRole('list', { name: 'Image tags' })).toContainText('Neutral');
  await expect(page.getByTestId('result-source')).toContainText('From cache');
});
