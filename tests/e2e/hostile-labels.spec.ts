import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { importThroughChooser, menu } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const HYPERLINK = '=HYPERLINK("http://x","y")';
const LABELS = ['constructor', '__proto__', 'toString', HYPERLINK];

async function exportSet(page: Page, format: string): Promise<Record<string, Uint8Array>> {
  await menu(page, 'Export', 'Export dataset…');
  const dialog = page.getByRole('dialog', { name: 'Export dataset' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption(format);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export zip' }).click();
  const path = join(mkdtempSync(join(tmpdir(), 'hostile-labels-')), 'set.zip');
  await (await download).saveAs(path);
  await expect(dialog.getByRole('status')).toContainText('Exported 2 images, 4 annotations, 4 classes');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return unzipSync(new Uint8Array(readFileSync(path)));
}

test('labels named constructor, __proto__, toString and a spreadsheet formula: filtered, counted and exported like any other', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, [fixturePath('camera.png'), fixturePath('horse.png')]);
  const coco = {
    images: [
      { id: 1, file_name: 'camera.png', width: 512, height: 512 },
      { id: 2, file_name: 'horse.png', width: 400, height: 328 },
    ],
    categories: LABELS.map((name, i) => ({ id: i + 1, name })),
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 50, 50] },
      { id: 2, image_id: 1, category_id: 2, bbox: [100, 100, 50, 50] },
      { id: 3, image_id: 2, category_id: 3, bbox: [10, 10, 40, 40] },
      { id: 4, image_id: 2, category_id: 4, bbox: [60, 60, 40, 40] },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'hostile-labels-')), 'members.json');
  writeFileSync(file, JSON.stringify(coco));
  await menu(page, 'Import', 'Import dataset…');
  const dialog = page.getByRole('dialog', { name: 'Import dataset' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles(file);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Imported 4 annotations into 2 images');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Every label is a chip with its count; filtering by each shows its image.
  const chips = page.getByRole('list', { name: 'Labels' }).getByRole('button');
  await expect(chips).toHaveCount(4);
  for (const [label, image] of [['constructor', 'camera.png'], ['__proto__', 'camera.png'], ['toString', 'horse.png'], [HYPERLINK, 'horse.png']] as const) {
    const chip = chips.filter({ hasText: label });
    await expect(chip).toHaveText(`${label} 1`);
    await chip.click();
    const shown = page.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect(shown).toHaveCount(1);
    await expect(shown).toContainText(image);
    await chip.click();
  }

  // Export works for the whole project, and the CSV a spreadsheet opens runs no formula.
  const csvSet = await exportSet(page, 'csv');
  const path = join(mkdtempSync(join(tmpdir(), 'hostile-labels-')), 'annotations.csv');
  writeFileSync(path, csvSet['annotations.csv']!);
  const cells = JSON.parse(
    execFileSync('python3', ['-c', 'import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))))', path], { encoding: 'utf8' }),
  ) as string[][];
  expect(cells.slice(1).map((r) => r[1]).sort()).toEqual(['__proto__', `'${HYPERLINK}`, 'constructor', 'toString'].sort());
  const cocoSet = await exportSet(page, 'coco');
  const exported = JSON.parse(strFromU8(cocoSet['annotations.json']!)) as { categories: { name: string }[] };
  expect(exported.categories.map((c) => c.name).sort()).toEqual([...LABELS].sort());
});
