import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { menu, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-import-'));
  const rocket = readFileSync(fixturePath('rocket.jpg'));
  writeFileSync(join(dir, 'chelsea.png'), readFileSync(fixturePath('chelsea.png')));
  writeFileSync(join(dir, 'rocket.jpg'), rocket);
  writeFileSync(join(dir, 'notes.txt'), 'case 2026/114, camera 3\n');
  writeFileSync(join(dir, 'empty.jpg'), new Uint8Array(0));
  writeFileSync(join(dir, 'cut.jpg'), rocket.subarray(0, Math.floor(rocket.length / 2)));
  return dir;
}

test('a folder with bad files: each is named with its reason, the good ones land and work', async ({ page }) => {
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import folder…');
  await (await chooser).setFiles(mixedFolder());

  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 images' })).toContainText('3 could not be imported');
  const problems = page.getByRole('region', { name: 'Import problems' });
  await expect(problems).toContainText(/notes\.txt: not an image/);
  await expect(problems).toContainText(/empty\.jpg: empty file \(0 bytes\)/);
  await expect(problems).toContainText(/cut\.jpg: truncated JPEG/);
  await expect(page.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(2);

  // The app keeps working: detect on a good image of the same import.
  await page.getByRole('button', { name: /rocket\.jpg/ }).click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');

  // The same bytes again are recognised by their SHA-256 and not stored twice.
  const again = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await again).setFiles(fixturePath('rocket.jpg'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 0 images' })).toContainText('1 already present');
  await expect(page.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(2);
});
