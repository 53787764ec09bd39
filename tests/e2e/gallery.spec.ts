import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { menu, openFilters, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const GOOD = ['astronaut.png', 'camera.png', 'chelsea.png', 'horse.png', 'rocket.jpg'];

/** Five good images, a text file, an empty "JPEG", a truncated JPEG and a second copy of one image in a subfolder. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'projects-gallery-'));
  for (const name of GOOD) writeFileSync(join(dir, name), readFileSync(fixturePath(name)));
  const rocket = readFileSync(fixturePath('rocket.jpg'));
  mkdirSync(join(dir, 'again'));
  writeFileSync(join(dir, 'again', 'rocket.jpg'), rocket);
  writeFileSync(join(dir, 'notes.txt'), 'flight 12, camera 3\n');
  writeFileSync(join(dir, 'empty.jpg'), new Uint8Array(0));
  writeFileSync(join(dir, 'cut.jpg'), rocket.subarray(0, Math.floor(rocket.length / 2)));
  return dir;
}

const thumbs = (page: Page) => page.getByRole('list', { name: 'Images' }).getByRole('listitem');
const names = (page: Page) => thumbs(page).locator('.thumb-name');
const thumb = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) });

test('folder import of good and bad files, then filters, counts per label, multi-select and bulk actions', async ({ page }) => {
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import folder…');
  await (await chooser).setFiles(mixedFolder());
  const summary = page.getByRole('status').filter({ hasText: /^Imported 5 images/ });
  await expect(summary).toContainText('1 already present (same SHA-256)');
  await expect(summary).toContainText('3 could not be imported');
  const problems = page.getByRole('region', { name: 'Import problems' });
  await expect(problems).toContainText(/notes\.txt: not an image/);
  await expect(problems).toContainText(/empty\.jpg: empty file \(0 bytes\)/);
  await expect(problems).toContainText(/cut\.jpg: truncated JPEG/);
  await expect(thumbs(page)).toHaveCount(5);

  await page.getByRole('combobox', { name: 'Sort' }).selectOption('name');
  await expect(names(page)).toHaveText(GOOD);

  // Suggestions on camera.png (a person and a car) through the editor.
  await thumb(page, 'camera.png').click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the slider
  await page.keyboard.press('Enter');
  const labels = page.getByRole('list', { name: 'Labels' });
  await expect(labels.getByRole('button', { name: /^person/ })).toHaveText('person 1');

  await labels.getByRole('button', { name: /^person/ }).click();
  await expect(names(page)).toHaveText(['camera.png']);
  await expect(page.getByTestId('gallery-count')).toContainText('Showing 1 of 5 images');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await openFilters(page);
  await page.getByRole('checkbox', { name: 'Suggestions pending' }).check();
  await expect(names(page)).toHaveText(['camera.png']);
  await page.getByRole('checkbox', { name: 'Suggestions pending' }).uncheck();
  await page.getByRole('checkbox', { name: 'No annotations' }).check();
  await expect(names(page)).toHaveText(['astronaut.png', 'chelsea.png', 'horse.png', 'rocket.jpg']);
  await page.getByRole('combobox', { name: 'Source' }).selectOption('model:');
  await expect(names(page)).toHaveText([]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('spinbutton', { name: 'Score from' }).fill('0.5');
  await expect(names(page)).toHaveText(['camera.png']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Click opens; Shift-click picks the range from it; Ctrl-click takes one out again.
  await thumb(page, 'astronaut.png').click();
  await thumb(page, 'horse.png').click({ modifiers: ['Shift'] });
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('4 images picked');
  await thumb(page, 'chelsea.png').click({ modifiers: ['ControlOrMeta'] });
  await expect(bulk).toContainText('3 images picked');
  await expect(page.getByRole('checkbox', { name: 'Pick chelsea.png' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Pick camera.png' })).toBeChecked();

  // Export offers the picked images.
  await bulk.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export dataset' });
  await expect(exportDialog.getByRole('radio', { name: 'Selected images (3)' })).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toHaveCount(0);

  // Run the model on the picked images as one batch: the ones without a result get one.
  await bulk.getByRole('button', { name: /^Run / }).click();
  await expect(thumb(page, 'astronaut.png').locator('.thumb-run')).toContainText(/model ran, \d+ objects?/);
  await expect(thumb(page, 'horse.png').locator('.thumb-run')).toContainText(/model ran, \d+ objects?/);
  await expect(thumb(page, 'chelsea.png').locator('.thumb-run')).toHaveCount(0);

  await bulk.getByRole('button', { name: 'Mark reviewed' }).click();
  await page.getByRole('combobox', { name: 'Review' }).selectOption('reviewed');
  await expect(names(page)).toHaveText(['astronaut.png', 'camera.png', 'horse.png']);

  // Pick everything the filter shows, then delete it (after confirming); annotations' removal is audited.
  await bulk.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('button', { name: 'Pick all 3 shown' }).click();
  await expect(bulk).toContainText('3 images picked');
  await bulk.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: 'Delete 3 images?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Deleted/ })).toHaveText('Deleted 3 of 3 images.');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(names(page)).toHaveText(['chelsea.png', 'rocket.jpg']);
  await expect(page.getByRole('list', { name: 'Labels' })).toHaveCount(0);

  await page.reload();
  await expect(thumbs(page)).toHaveCount(2);
  await thumb(page, 'rocket.jpg').click();
  await page.keyboard.press('r'); // the audit line is checked when an image opens
  await expect(page.getByTestId('audit-status')).toHaveText('Audit log: 2 entries, hash chain verified'); // suggest, remove
});

test('a large import shows done / total and can be cancelled: what landed stays, the rest is counted', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'projects-many-'));
  for (let n = 0; n < 400; n++) {
    const png = new PNG({ width: 64, height: 48 });
    png.data.fill(n % 251);
    png.data.writeUInt32BE(n, 0);
    writeFileSync(join(dir, `shot-${String(n).padStart(3, '0')}.png`), PNG.sync.write(png));
  }
  await page.goto('/');
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import folder…');
  await (await chooser).setFiles(dir);
  const progress = page.getByRole('group', { name: 'Importing progress' });
  await expect(progress).toContainText(/Importing [1-9]\d* \/ 400/); // one image landed: the gallery shows, not the empty start
  await progress.getByRole('button', { name: 'Cancel' }).click();
  const summary = page.getByRole('status').filter({ hasText: /^Imported \d+ images?/ });
  await expect(summary).toContainText(/cancelled, \d+ files not imported/);
  const text = await summary.innerText();
  const added = Number(/^Imported (\d+)/.exec(text)![1]);
  const left = Number(/cancelled, (\d+) files/.exec(text)![1]);
  expect(added + left).toBe(400);
  const count = `${added} ${added === 1 ? 'image' : 'images'}`;
  await expect(page.getByTestId('gallery-count')).toHaveText(count);
  await page.reload();
  await expect(page.getByTestId('gallery-count')).toHaveText(count);
});
