import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { importThroughChooser, menu, modelPicker, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const onImage = (page: Page) => page.getByRole('list', { name: 'Tags on this image' }).getByRole('listitem');

test("image-level tags: accept and reject the classifier's, add and remove one's own, undo/redo each; kept after a reload", async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('rocket.jpg'));
  await modelPicker(page).selectOption('content-mobilenetv2');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the model picker
  await page.keyboard.press('r');
  await showTab(page, 'Tags');
  const suggested = page.getByRole('list', { name: 'Image tags' }).getByRole('listitem');
  await expect(suggested.first()).toContainText(/Drawing 0\.\d\d suggested/);
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
  await expect(suggested.filter({ hasText: 'Neutral' })).toContainText(/Neutral 0\.\d\d/);

  await page.getByRole('button', { name: 'Accept tag Drawing' }).click();
  await expect(suggested.first()).toContainText('accepted');
  await expect(onImage(page)).toHaveText([/Drawing \(model, 0\.\d\d\)/]);
  await page.getByRole('button', { name: 'Reject tag Neutral' }).click();
  await expect(suggested.filter({ hasText: 'Neutral' })).toContainText('rejected');
  await page.keyboard.press('Control+z');
  await expect(suggested.filter({ hasText: 'Neutral' })).toContainText('suggested');
  await page.keyboard.press('Control+y');
  await expect(suggested.filter({ hasText: 'Neutral' })).toContainText('rejected');

  await page.getByRole('textbox', { name: 'New tag' }).fill('launch pad');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await expect(onImage(page)).toHaveText([/Drawing/, /launch pad \(by analyst\)/]);
  await page.getByRole('button', { name: 'Remove tag Drawing' }).click(); // the model's tag is rejected, not deleted
  await expect(onImage(page)).toHaveText([/launch pad/]);
  await expect(suggested.first()).toContainText('rejected');
  await page.keyboard.press('Control+z');
  await expect(onImage(page)).toHaveText([/Drawing/, /launch pad/]);
  await page.getByRole('button', { name: 'Remove tag launch pad' }).click();
  await expect(onImage(page)).toHaveText([/Drawing/]);
  await page.keyboard.press('Control+z');
  await expect(onImage(page)).toHaveText([/Drawing/, /launch pad/]);

  await expect(page.getByTestId('unsaved')).toHaveCount(0); // what the page says: every edit stored, so a reload keeps it
  await page.reload();
  await showTab(page, 'Tags');
  await expect(onImage(page)).toHaveText([/Drawing \(model, 0\.\d\d\)/, /launch pad \(by analyst\)/]);
  await expect(suggested.filter({ hasText: 'Neutral' })).toContainText('rejected');
  // Image tags are no boxes: nothing is drawn on the image for them.
  await expect(page.locator('svg.overlay g[data-id]')).toHaveCount(0);

  // Exported, the tags a person kept are the image's tags (not whole-image boxes), without the rejected one.
  await menu(page, 'Export', 'Export dataset…');
  const dialog = page.getByRole('dialog', { name: 'Export dataset' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  await dialog.getByRole('checkbox', { name: /Tags from content-mobilenetv2/ }).uncheck();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export zip' }).click();
  const zip = unzipSync(new Uint8Array(await readFile(await (await download).path())));
  const rows = strFromU8(zip['annotations.csv']!).trim().split('\r\n').map((r) => r.split(','));
  expect(rows.slice(1)).toHaveLength(1);
  const [image, label, , , , , , , , tags] = rows[1]!;
  expect([image, label]).toEqual(['rocket.jpg', '']);
  expect(tags!.split('|').sort()).toEqual(['Drawing', 'launch pad']);
});
