import { expect, test } from '@playwright/test';
import { detectOnCamera } from '../helpers/app';

test('review by keyboard: suggestions, accept, reject, undo, redo; saved, audited and there after a reload', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);

  await page.keyboard.press('Enter'); // the shown detections become suggestions
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(/person 0\.\d\d suggested/);
  await expect(page.locator('svg.overlay g[data-label="person"]')).toHaveAttribute('data-state', 'suggested');

  await page.keyboard.press('Enter'); // accept the person, selection moves on to the car
  await expect(items.nth(0)).toContainText('accepted');
  await expect(page.locator('svg.overlay g[data-label="person"]')).toHaveAttribute('data-state', 'confirmed');
  await page.keyboard.press('Delete'); // reject the car
  await expect(items.nth(1)).toContainText('rejected');
  await expect(page.locator('svg.overlay g[data-label="car"]')).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await expect(items.nth(1)).toContainText('suggested');
  await page.keyboard.press('Control+Shift+z');
  await expect(items.nth(1)).toContainText('rejected');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(items.nth(0)).toContainText('suggested');
  await page.keyboard.press('Control+y');
  await expect(items.nth(0)).toContainText('accepted');
  // suggest, accept, reject, undo, redo, undo, undo, redo: every change and every undo is in the log
  await expect(page.getByTestId('audit-status')).toContainText('8 entries, hash chain verified');

  await expect(page.getByTestId('review-status')).toHaveText('Image in progress');
  await page.keyboard.press('Shift+Enter'); // mark reviewed and go to the next unreviewed image
  await expect(page.getByRole('heading', { name: 'horse.png' })).toBeVisible();
  await expect(page.getByRole('button', { name: /camera\.png/ }).locator('.thumb-reviewed')).toBeVisible();

  await page.reload();
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Image reviewed');
  await expect(items.nth(0)).toContainText(/person .*accepted/);
  await expect(items.nth(1)).toContainText(/car .*suggested/);
  await expect(items.nth(0)).toContainText('model:coco-centernet@human-3.3.6'); // who suggested it
  await expect(page.getByTestId('audit-status')).toContainText('8 entries, hash chain verified');
});
