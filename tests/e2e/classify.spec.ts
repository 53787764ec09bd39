import { expect, test } from '@playwright/test';
import { importThroughChooser, modelPicker, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

test('the content classifier tags photos as image-level labels, and the choice of model is remembered', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [fixturePath('astronaut.png'), fixturePath('rocket.jpg')]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 images' })).toBeVisible();

  await modelPicker(page).selectOption('content-mobilenetv2');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.getByRole('button', { name: 'Classify all' }).click();
  const gallery = page.getByRole('list', { name: 'Images' });
  await expect(gallery.locator('.thumb-tag')).toHaveText(['Neutral', 'Drawing']);

  await showTab(page, 'Tags');
  const tags = page.getByRole('list', { name: 'Image tags' });
  await expect(tags.getByRole('listitem').first()).toContainText(/Neutral 0\.9\d/);
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Classifier scores' })).toContainText(/Neutral 0\.9\d/);
  await expect(page.getByRole('list', { name: 'Detections list' })).toHaveCount(0);

  await page.reload();
  await expect(modelPicker(page)).toHaveValue('content-mobilenetv2');
  await showTab(page, 'Tags');
  await expect(page.getByRole('list', { name: 'Image tags' })).toContainText('Neutral');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('From cache');
});
