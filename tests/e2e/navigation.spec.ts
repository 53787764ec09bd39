import { expect, test } from '@playwright/test';
import { importThroughChooser, openFilters } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

test('next and previous follow the gallery as it is sorted and filtered, not the import order', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [fixturePath('camera.png'), fixturePath('chelsea.png'), fixturePath('horse.png')]);
  const heading = (name: string) => page.getByRole('heading', { name });

  await page.getByLabel('Sort').selectOption('name');
  await page.getByRole('checkbox', { name: 'descending' }).check();
  await page.getByRole('button', { name: /horse\.png/ }).click();
  await expect(heading('horse.png')).toBeVisible();
  await page.keyboard.press('f');
  await expect(heading('chelsea.png')).toBeVisible();
  await page.keyboard.press('f');
  await expect(heading('camera.png')).toBeVisible();
  await page.keyboard.press('d');
  await expect(heading('chelsea.png')).toBeVisible();

  // Reviewed-and-next goes on in the same order (wrapping past the end).
  await page.keyboard.press('Shift+Enter');
  await expect(heading('camera.png')).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(heading('horse.png')).toBeVisible();

  // Filtered to the reviewed ones (camera, chelsea by name): chelsea is the last shown, so F stays there and D
  // goes to camera; through every image, F would have gone on to horse and D back to chelsea.
  await page.getByRole('checkbox', { name: 'descending' }).uncheck();
  await openFilters(page);
  await page.getByRole('combobox', { name: 'Review', exact: true }).selectOption('reviewed');
  await page.getByRole('button', { name: /chelsea\.png/ }).click();
  await expect(heading('chelsea.png')).toBeVisible();
  await page.keyboard.press('f');
  await page.keyboard.press('d');
  await expect(heading('camera.png')).toBeVisible();
});
