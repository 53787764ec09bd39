import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { detectOnCamera, menu } from '../helpers/app';
import { readFixture } from '../helpers/fixtures';

/** Opens the export dialog, sets it up with `prepare`, exports and returns the downloaded zip's files. */
async function exportZip(page: Page, prepare: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<Record<string, Uint8Array>> {
  await menu(page, 'Export', 'Export dataset…');
  const dialog = page.getByRole('dialog', { name: 'Export dataset' });
  await prepare(dialog);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export zip' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dataset-\w+-\d{4}-\d\d-\d\d\.zip$/);
  const path = join(tmpdir(), `formats-e2e-${Date.now()}.zip`);
  await file.saveAs(path);
  await expect(dialog.getByRole('status')).toContainText('Exported 2 images');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return unzipSync(new Uint8Array(await readFile(path)));
}

async function chooseSet(page: Page, files: string | string[]) {
  const dialog = page.getByRole('dialog', { name: 'Import dataset' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(files);
  return dialog;
}

test('export reviewed boxes as COCO and YOLO zips, then import the COCO zip into a new project', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Enter'); // suggestions
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await page.keyboard.press('Enter'); // accept the person; the car stays a suggestion
  await expect(items.filter({ hasText: 'accepted' })).toHaveCount(1);
  await expect(items.nth(0)).toContainText(/person .*accepted/);

  // COCO, reviewed only, with the images.
  const coco = await exportZip(page, async (dialog) => {
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('coco');
  });
  const json = JSON.parse(strFromU8(coco['annotations.json']!));
  expect(json.images.map((i: { file_name: string; width: number; height: number }) => [i.file_name, i.width, i.height]).sort()).toEqual([
    ['camera.png', 512, 512],
    ['horse.png', 400, 328],
  ]);
  expect(json.annotations).toHaveLength(1);
  const person = json.categories.find((c: { name: string }) => c.name === 'person');
  expect(json.annotations[0]).toMatchObject({ category_id: person.id, iscrowd: 0, attributes: { status: 'accepted' } });
  expect(coco['images/camera.png']).toEqual(readFixture('camera.png'));

  // YOLO with suggestions ≥ 0.2 too, the car renamed to vehicle, split with a seed.
  const yolo = await exportZip(page, async (dialog) => {
    await dialog.getByRole('combobox', { name: 'Format' }).selectOption('yolo');
    await dialog.getByRole('radio', { name: /Also suggestions/ }).check();
    await dialog.getByRole('spinbutton', { name: 'Minimum suggestion score' }).fill('0.2');
    await dialog.getByRole('textbox', { name: 'Export car as' }).fill('vehicle');
    await dialog.getByRole('checkbox', { name: 'Include the image files' }).uncheck();
  });
  const yaml = strFromU8(yolo['data.yaml']!);
  expect(yaml).toMatch(/names:\n {2}0: person\n {2}1: vehicle\n/);
  const lines = strFromU8(yolo['labels/camera.txt']!).trim().split('\n');
  expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual(['0', '1']);
  for (const line of lines) for (const v of line.split(' ').slice(1).map(Number)) expect(v >= 0 && v <= 1).toBe(true);
  expect(Object.keys(yolo).some((p) => p.startsWith('images/'))).toBe(false);

  // A new, empty project: the COCO zip brings its images and its one box.
  const cocoZip = join(tmpdir(), `formats-e2e-coco-${Date.now()}.zip`);
  const { zipSync } = await import('fflate');
  await writeFile(cocoZip, zipSync(coco));
  await menu(page, 'Project', 'New project…');
  const name = page.getByRole('dialog', { name: 'New project' });
  await name.getByRole('textbox', { name: 'Name' }).fill('From COCO');
  await name.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('No images yet.')).toBeVisible();

  // Bad input first: named by file and line, nothing to import.
  const bad = join(tmpdir(), `formats-e2e-bad-${Date.now()}.json`);
  await writeFile(bad, '{\n "images": [\n  {"id": 1,}\n ]\n}\n');
  await menu(page, 'Import', 'Import dataset…');
  let dialog = await chooseSet(page, bad);
  await expect(dialog.getByRole('alert')).toContainText(/formats-e2e-bad-\d+\.json \(line 3\): malformed JSON/);
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  // The annotations without their images, in a project that lacks them: refused whole, the image named.
  const alone = join(tmpdir(), `formats-e2e-alone-${Date.now()}.json`);
  await writeFile(alone, coco['annotations.json']!);
  dialog = await chooseSet(page, alone);
  await expect(dialog.getByRole('alert')).toContainText(/images\[\d\]: camera\.png is not in the project \(import the image first, or bring it in the zip\)/);
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  dialog = await chooseSet(page, cocoZip);
  await expect(dialog.getByLabel('Dry run')).toContainText('1 annotation; 0 images matched in the project, 2 images to import from the set');
  await expect(dialog.getByLabel('Dry run')).toContainText('Labels new to the project: person');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('Imported 1 annotation into 1 image (source import:coco, accepted); new labels: person.');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toContainText(/person .*accepted/);
  await expect(items.nth(0)).toContainText('import:coco');
  await expect(page.getByTestId('audit-status')).toContainText('hash chain verified');

  // Image-level tags from the content classifier go out as the CSV's tags column (best first).
  await page.getByRole('combobox', { name: /^Model/ }).selectOption('content-mobilenetv2');
  await page.getByRole('button', { name: 'Classify all' }).click();
  const badges = page.getByRole('list', { name: 'Images' }).locator('.thumb-tag');
  await expect(badges).toHaveCount(2);
  const badgeOf = async (file: string) => (await page.getByRole('button', { name: new RegExp(file.replace('.', '\\.')) }).locator('.thumb-tag').innerText()).trim();
  const csv = await exportZip(page, async (d) => {
    await d.getByRole('combobox', { name: 'Format' }).selectOption('csv');
    await expect(d.getByRole('checkbox', { name: /Tags from content-mobilenetv2/ })).toBeChecked();
  });
  const rows = strFromU8(csv['annotations.csv']!).trim().split('\r\n').map((r) => r.split(','));
  expect(rows[0]).toEqual(['image', 'label', 'x', 'y', 'w', 'h', 'score', 'status', 'source', 'tags', 'image_width', 'image_height']);
  const camera = rows.find((r) => r[0] === 'camera.png' && r[1] === 'person')!;
  expect(camera.slice(7, 9)).toEqual(['accepted', 'import:coco']);
  expect(camera[9]!.split('|')[0]).toBe(await badgeOf('camera.png'));
  const horse = rows.find((r) => r[0] === 'horse.png')!;
  expect(horse[1]).toBe(''); // no boxes, but its tags and size are kept
  expect(horse[9]!.split('|')[0]).toBe(await badgeOf('horse.png'));
  expect(horse.slice(10)).toEqual(['400', '328']);
});
