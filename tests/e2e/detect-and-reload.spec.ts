import { expect, test } from '@playwright/test';
import { importThroughChooser, openRunSettings, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

test('import a photo, detect a person, reload and find it again without inferring twice', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on (wasm|webgl|webgpu|cpu)/);

  await importThroughChooser(page, fixturePath('astronaut.png'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 image' })).toBeVisible();

  await page.getByRole('button', { name: 'Detect', exact: true }).click();
  await showTab(page, 'Model output');
  const list = page.getByRole('list', { name: 'Detections list' });
  await expect(list).toContainText('person');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await expect(page.locator('svg.overlay g[data-label="person"]')).toHaveCount(1);

  await openRunSettings(page);
  await page.getByRole('group', { name: 'Run settings' }).locator('.backend-details summary').click();
  await expect(page.getByTestId('engine-stats')).toContainText('1 inference this session');

  await page.reload();
  await expect(page.getByRole('button', { name: /astronaut\.png/ })).toBeVisible();
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('person');
  await expect(page.getByTestId('result-source')).toContainText('From cache');
  await openRunSettings(page);
  await page.getByRole('group', { name: 'Run settings' }).locator('.backend-details summary').click();
  await expect(page.getByTestId('engine-stats')).toContainText('0 inferences this session'); // the model did not run again
});
