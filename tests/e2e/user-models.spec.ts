import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { iou } from '../../src/domain/geometry';
import { drawnBoxes, importThroughChooser, modelPicker, modelsMenu, showTab, waitUntilOfflineReady } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import {
  cocoBoxes,
  HORSE_EXPECTED,
  MIRRORED_HORSE_EXPECTED,
  scratch,
  TM_LABELS,
  writeMirroredHorse,
  writeTeachableClassifier,
  writeYoloSilhouette,
} from '../helpers/user-models';
import { workbench } from '../helpers/workbench';

type Boxes = Record<string, { x: number; y: number; w: number; h: number }[]>;

/** Each expected label once, its box within `min` IoU of the expected one. */
function expectBoxes(found: Boxes, expected: Record<string, { x: number; y: number; w: number; h: number }>, min: number): void {
  expect(Object.keys(found).sort()).toEqual(Object.keys(expected).sort());
  for (const [label, box] of Object.entries(expected)) {
    expect(found[label]).toHaveLength(1);
    expect(iou(found[label]![0]!, box), label).toBeGreaterThanOrEqual(min);
  }
}

async function openAddModel(page: Page): Promise<Locator> {
  await modelsMenu(page, 'Add model…');
  return page.getByRole('dialog', { name: 'Add model' });
}

async function choose(page: Page, dialog: Locator, button: string, files: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
}

test('an ultralytics YOLOv8 export: proposed, tried, added; its boxes in the app, after a reload offline, and the same in the CLI', async ({ page, context }) => {
  const root = scratch();
  const modelDir = join(root, 'silhouette_web_model');
  writeYoloSilhouette(modelDir);
  const mirrored = join(root, 'horse-mirrored.png');
  writeMirroredHorse(mirrored);

  await page.goto('/');
  await waitUntilOfflineReady(page);
  await importThroughChooser(page, [fixturePath('horse.png'), mirrored]);
  await page.getByRole('button', { name: /^horse\.png/ }).click();

  const dialog = await openAddModel(page);
  await choose(page, dialog, 'Choose folder…', modelDir);
  await expect(dialog.getByTestId('recognised-as')).toContainText('Ultralytics detect export (metadata.yaml) · from folder silhouette_web_model');
  await expect(dialog.getByLabel('Decoder')).toHaveValue('yolov8');
  await expect(dialog.getByLabel('Resize')).toHaveValue('letterbox');
  await expect(dialog.getByLabel('Padding value')).toHaveValue('114');
  await expect(dialog.getByLabel('Normalisation')).toHaveValue('0-1');
  await expect(dialog.getByLabel('Input width')).toHaveValue('320');
  const labels = dialog.getByLabel(/Labels, one per line/);
  await expect(labels).toHaveValue('silhouette\ncanvas');

  // Labels that do not match the output are refused, with both numbers.
  await labels.fill('silhouette\ncanvas\nshadow');
  await expect(dialog.getByRole('alert', { name: 'Problems' })).toContainText('labels: 3 given, but the output [1, 6, 104] has 2 classes');
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled();
  await labels.fill('silhouette\ncanvas');
  await expect(dialog.getByRole('alert', { name: 'Problems' })).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Try on horse.png' }).click();
  await expect(dialog.getByTestId('try-backend')).toContainText(/Ran on wasm \(the reference backend\) · \d+ ms model, \d+ ms per image in all/);
  const tried = dialog.getByRole('list', { name: 'Tried detections' }).getByRole('listitem');
  await expect(tried).toHaveCount(2);
  const triedBoxes: Boxes = {};
  for (const item of await tried.all()) {
    const [x, y, w, h] = (await item.getAttribute('data-box'))!.split(',').map(Number);
    triedBoxes[(await item.getAttribute('data-label'))!] = [{ x: x!, y: y!, w: w!, h: h! }];
  }
  expectBoxes(triedBoxes, HORSE_EXPECTED, 0.97);

  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added silhouette (version 1) to the model library.' })).toBeVisible();
  const picker = modelPicker(page);
  await expect(picker).toHaveValue('silhouette-v1');
  await expect(picker.locator('option:checked')).toHaveText('silhouette · v1 (library)');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);

  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now · silhouette (silhouette-v1 1+');
  await expect(page.locator('svg.overlay g[data-label]')).toHaveCount(2);
  const inApp = await drawnBoxes(page);
  expectBoxes(inApp, HORSE_EXPECTED, 0.97);
  // As suggestions, each box names the model version that suggested it: id, version number and identity.
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the tab
  await page.keyboard.press('Enter');
  const suggestions = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(suggestions).toHaveCount(2);
  await expect(suggestions.nth(0)).toContainText(/model:silhouette-v1@1\+[0-9a-f]{12}/);

  // The CLI, given the same folder, proposes the same manifest and finds the same boxes.
  const cli = await workbench('detect', '--model', modelDir, fixturePath('horse.png'));
  expect(cli.stderr).toBe('');
  const fromCli = cocoBoxes(cli.stdout);
  expectBoxes(fromCli, HORSE_EXPECTED, 0.97);
  for (const label of Object.keys(HORSE_EXPECTED)) expect(iou(fromCli[label]![0]!, inApp[label]![0]!), label).toBeGreaterThanOrEqual(0.99);

  // Offline, in a fresh load: the model comes from IndexedDB, runs on an image it has not seen, and the cache holds.
  await context.setOffline(true);
  await page.reload();
  await expect(picker).toHaveValue('silhouette-v1');
  await expect(page.getByTestId('offline-library')).toHaveText('+ 1 library model');
  await expect(page.getByTestId('offline-library')).toHaveAttribute('title', /live in this browser's IndexedDB/);
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('From cache');
  expectBoxes(await drawnBoxes(page), HORSE_EXPECTED, 0.97);
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.getByRole('button', { name: /horse-mirrored\.png/ }).click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await expect(page.locator('svg.overlay g[data-label]')).toHaveCount(2);
  expectBoxes(await drawnBoxes(page), MIRRORED_HORSE_EXPECTED, 0.97);
});

test('a Teachable Machine zip trained by the test: tags in the app, tried with another normalisation, after a reload offline, and the CLI agrees', async ({ page, context }) => {
  const root = scratch();
  const files = await writeTeachableClassifier(join(root, 'tm'));
  const zip = join(root, 'tm-evidence-photos.zip');
  writeFileSync(zip, zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes]))));

  await page.goto('/');
  await waitUntilOfflineReady(page);
  await importThroughChooser(page, [fixturePath('astronaut.png'), fixturePath('chelsea.png')]);
  await page.getByRole('button', { name: /^astronaut\.png/ }).click();

  const dialog = await openAddModel(page);
  await choose(page, dialog, 'Choose files or zip…', zip);
  await expect(dialog.getByTestId('recognised-as')).toContainText('Teachable Machine image model (metadata.json) · from tm-evidence-photos.zip');
  await expect(dialog.getByLabel('Name')).toHaveValue('evidence-photos');
  await expect(dialog.getByLabel('Decoder')).toHaveValue('classifier');
  await expect(dialog.getByLabel('Normalisation')).toHaveValue('teachable');
  await expect(dialog.getByLabel('Resize')).toHaveValue('crop');
  await expect(dialog.getByLabel(/Labels, one per line/)).toHaveValue(TM_LABELS.join('\n'));

  const tags = dialog.getByRole('list', { name: 'Tried tags' });
  await dialog.getByRole('button', { name: 'Try on astronaut.png' }).click();
  await expect(tags.getByRole('listitem').first()).toContainText(/^astronaut 0\.\d\d$/);
  const asProposed = await tags.textContent();
  // The person changes the normalisation and sees the result change; then goes back.
  await dialog.getByLabel('Normalisation').selectOption('0-1');
  await expect(dialog.getByText('settings changed since')).toBeVisible();
  await dialog.getByRole('button', { name: 'Try on astronaut.png' }).click();
  await expect(tags).not.toHaveText(asProposed!);
  await dialog.getByLabel('Normalisation').selectOption('teachable');
  await dialog.getByRole('button', { name: 'Try on astronaut.png' }).click();
  await expect(tags).toHaveText(asProposed!);

  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added evidence-photos (version 1)' })).toBeVisible();
  await expect(modelPicker(page)).toHaveValue('evidence-photos-v1');
  await page.getByRole('button', { name: 'Classify all' }).click();
  await expect(page.getByRole('list', { name: 'Images' }).locator('.thumb-tag')).toHaveText(['astronaut', 'cat']);
  await showTab(page, 'Tags');
  const appTag = page.getByRole('list', { name: 'Image tags' }).getByRole('listitem').first();
  await expect(appTag).toContainText(/astronaut 0\.\d\d/);
  const appScore = Number(/astronaut (0\.\d\d)/.exec((await appTag.textContent())!)![1]);

  const cli = await workbench('classify', '--model', join(root, 'tm'), fixturePath('astronaut.png'), fixturePath('chelsea.png'));
  expect(cli.code).toBe(0);
  const lines = cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as { labels: { label: string; score: number }[] });
  expect(lines.map((l) => l.labels[0]!.label)).toEqual(['astronaut', 'cat']);
  expect(Math.abs(lines[0]!.labels[0]!.score - appScore)).toBeLessThanOrEqual(0.006);

  await context.setOffline(true);
  await page.reload();
  await expect(modelPicker(page)).toHaveValue('evidence-photos-v1');
  await importThroughChooser(page, fixturePath('rocket.jpg'));
  await page.getByRole('button', { name: /^rocket\.jpg/ }).click();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await showTab(page, 'Tags');
  await expect(page.getByRole('list', { name: 'Image tags' }).getByRole('listitem').first()).toContainText(/rocket [01]\.\d\d/);
});
