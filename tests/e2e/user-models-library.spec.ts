import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { importThroughChooser, modelPicker, modelsMenu, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { scratch, writeEinsumClassifier, writeFeatureMapModel, writeYoloSilhouette } from '../helpers/user-models';

async function addModel(page: Page, button: 'Choose folder…' | 'Choose files or zip…', files: string): Promise<Locator> {
  await modelsMenu(page, 'Add model…');
  const dialog = page.getByRole('dialog', { name: 'Add model' });
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
  return dialog;
}

/** Python's zipfile and hashlib read the exported zip: every file the manifest lists, with its SHA-256. */
const PY_CHECK = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
top = names[0].split('/')[0]
m = json.loads(z.read(top + '/manifest.json'))
for f in m['files']:
    data = z.read(top + '/' + f['path'])
    assert hashlib.sha256(data).hexdigest() == f['sha256'], f['path']
    assert len(data) == f['bytes'], f['path']
print(json.dumps({'top': top, 'name': m['name'], 'id': m['id'], 'version': m['version'], 'files': sorted(n[len(top) + 1:] for n in names)}))
`;

test('bad model files: each says what is wrong in Add model…, nothing is added, the app keeps working', async ({ page }) => {
  const root = scratch();
  const noShard = join(root, 'no_shard_web_model');
  writeYoloSilhouette(noShard);
  rmSync(join(noShard, 'group1-shard1of1.bin'));
  const files = writeYoloSilhouette(join(root, 'whole'));
  const evil = join(root, 'evil.zip');
  writeFileSync(evil, zipSync({ 'model.json': files['model.json']!, '../group1-shard1of1.bin': files['group1-shard1of1.bin']!, 'metadata.yaml': files['metadata.yaml']! }));
  const featureMap = join(root, 'feature_map');
  writeFeatureMapModel(featureMap);
  const einsum = join(root, 'einsum');
  writeEinsumClassifier(einsum);

  await page.goto('/');
  await importThroughChooser(page, fixturePath('horse.png'));
  await page.getByRole('button', { name: /^horse\.png/ }).click();

  let dialog = await addModel(page, 'Choose folder…', noShard);
  await expect(dialog.getByRole('alert')).toHaveText('model.json lists group1-shard1of1.bin, which is not among the files given (metadata.yaml, model.json)');
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled();

  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose files or zip…' }).click();
  await (await chooser).setFiles(evil);
  await expect(dialog.getByRole('alert')).toHaveText('evil.zip: ../group1-shard1of1.bin: a path outside the archive (absolute, or with "..")');
  await dialog.getByRole('button', { name: 'Close' }).click();

  dialog = await addModel(page, 'Choose folder…', featureMap);
  await expect(dialog.getByRole('alert', { name: 'Problems' })).toContainText("no decoder fits the model's outputs: Identity [1, 8, 8, 3]");
  await expect(dialog.getByRole('button', { name: 'Add to library' })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: 'Try on horse.png' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // An op the WASM backend lacks: named, and the next backend runs the model.
  dialog = await addModel(page, 'Choose folder…', einsum);
  await expect(dialog.getByTestId('recognised-as')).toContainText('TF.js graph model with labels.txt');
  await dialog.getByRole('button', { name: 'Try on horse.png' }).click();
  await expect(dialog.getByTestId('try-backend')).toContainText('Ran on cpu (the reference backend: WASM cannot run this model)');
  await expect(dialog.getByTestId('try-backend')).toContainText('wasm skipped: the wasm backend lacks the op Einsum');
  await expect(dialog.getByRole('list', { name: 'Tried tags' }).getByRole('listitem')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await modelsMenu(page, 'Model library…');
  await expect(page.getByRole('dialog', { name: 'Model library' })).toContainText('No models added yet');
  await page.getByRole('dialog', { name: 'Model library' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now · CenterNet MobileNetV3 · COCO objects (coco-centernet human-3.3.6)');
});

test('the library: rename, export one zip that Python verifies, add it again (found), a new version, remove', async ({ page }) => {
  const root = scratch();
  const modelDir = join(root, 'silhouette_web_model');
  writeYoloSilhouette(modelDir);

  await page.goto('/');
  let dialog = await addModel(page, 'Choose folder…', modelDir);
  await expect(dialog.getByTestId('adding-as')).toHaveText('Will be added as a new model (silhouette-v1).');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added silhouette (version 1)' })).toBeVisible();

  await modelsMenu(page, 'Model library…');
  const library = page.getByRole('dialog', { name: 'Model library' });
  const first = library.getByRole('row', { name: 'silhouette version 1' });
  await first.getByRole('button', { name: 'Rename' }).click();
  await library.getByLabel('New name').fill('Horse outlines');
  await library.getByRole('button', { name: 'Save name' }).click();
  const renamed = library.getByRole('row', { name: 'Horse outlines version 1' });
  await expect(renamed).toBeVisible();
  await expect(modelPicker(page).locator('option:checked')).toHaveText('Horse outlines · v1 (library)');

  const download = page.waitForEvent('download');
  await renamed.getByRole('button', { name: 'Export zip' }).click();
  const zipPath = join(root, (await download).suggestedFilename());
  await (await download).saveAs(zipPath);
  expect(zipPath.endsWith('silhouette-v1.zip')).toBe(true);
  const checked = JSON.parse(execFileSync('python3', ['-c', PY_CHECK, zipPath], { encoding: 'utf8' }));
  expect(checked).toMatchObject({ top: 'silhouette-v1', name: 'Horse outlines', id: 'silhouette-v1', files: ['group1-shard1of1.bin', 'manifest.json', 'metadata.yaml', 'model.json'] });
  expect(checked.version).toMatch(/^1\+[0-9a-f]{12}$/);
  await library.getByRole('button', { name: 'Close' }).click();

  // The same zip again: pinned by its manifest, and found in the library already.
  dialog = await addModel(page, 'Choose files or zip…', zipPath);
  await expect(dialog.getByTestId('recognised-as')).toContainText('pinned by manifest.json (Horse outlines, version 1)');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Horse outlines (version 1) is in the library already: the same files with the same settings.' })).toBeVisible();

  // The same files with another setting: the next version of the same model.
  dialog = await addModel(page, 'Choose folder…', modelDir);
  await expect(dialog.getByLabel('Name')).toHaveValue('Horse outlines');
  await dialog.getByLabel('Padding value').fill('0');
  await expect(dialog.getByTestId('adding-as')).toContainText('Will be added as version 2 of Horse outlines');
  await dialog.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added Horse outlines (version 2)' })).toBeVisible();
  await expect(modelPicker(page)).toHaveValue('silhouette-v2');

  await modelsMenu(page, 'Model library…');
  await library.getByRole('row', { name: 'Horse outlines version 1' }).getByRole('button', { name: 'Remove' }).click();
  await expect(library.getByRole('row', { name: 'Horse outlines version 1' })).toHaveCount(0);
  await expect(library.getByRole('row', { name: 'Horse outlines version 2' })).toBeVisible();
  await expect(modelPicker(page).locator('option')).toHaveText([
    'CenterNet MobileNetV3 · COCO objects',
    'BlazeFace (back camera) · faces',
    'MobileNetV2 · content (drawing, hentai, neutral, porn, sexy)',
    'Horse outlines · v2 (library)',
  ]);
});
