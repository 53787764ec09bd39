import { strToU8 } from 'fflate';
import { expect, test } from '@playwright/test';
import { menu } from '../helpers/app';
import { writeBundle } from '../../src/domain/backup';
import { sha256Hex } from '../../src/domain/hash';
import { SCHEMA_VERSION } from '../../src/storage/db';
import { readFixture } from '../helpers/fixtures';
import { rendererPeak } from '../helpers/process-memory';
import { type RawEntry, stored, writeZip, zeros, zerosSize } from '../helpers/zip-bomb';
import { unzipSync } from 'fflate';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

const yoloSet = (): RawEntry[] => [
  stored('data.yaml', strToU8('names: [person]\n')),
  stored('images/astronaut.png', readFixture('astronaut.png')),
  stored('labels/astronaut.txt', strToU8('0 0.5 0.5 0.5 0.5\n')),
];

const report = (what: string, m: { beforeMb: number; peakMb: number; seconds: number }) =>
  console.log(`${what}: ${m.seconds.toFixed(2)} s, largest renderer ${m.beforeMb.toFixed(0)} MB before, ${m.peakMb.toFixed(0)} MB at its peak`);

test('Import dataset: a zip with 3 × 1 GiB of zeros is refused by name without growing the page; Settings raises the limits', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  const size = zerosSize(GiB);
  const bomb = writeZip([...yoloSet(), zeros('padding.bin', size), zeros('labels/zero.txt', size), zeros('images/zero.png', size)]);

  await menu(page, 'Import', 'Import dataset…');
  const dialog = page.getByRole('dialog', { name: 'Import dataset' });
  const choose = async (name: string, bytes: Uint8Array) => {
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: 'Choose files…' }).click();
    await (await chooser).setFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  };
  const measured = await rendererPeak(async () => {
    await choose('bomb.zip', bomb);
    await expect(dialog.getByRole('alert')).toContainText('bomb.zip: labels/zero.txt: would inflate 1016.1 KiB to 1024 MiB (1032:1), more than the limit of 100:1');
  });
  report('Import dataset, 3 GiB bomb refused', measured);
  await expect(dialog.getByRole('alert')).toContainText('Settings… raises the zip limits');
  expect(measured.peakMb - measured.beforeMb).toBeLessThan(1024); // the unhardened import grew the renderer by 3.1 GB

  // A dense but wanted file: refused at 100:1, read once the ratio is raised in Settings.
  const dense = writeZip([...yoloSet(), zeros('images/blank.png', zerosSize(8 * MiB))]);
  await choose('dense.zip', dense);
  await expect(dialog.getByRole('alert')).toContainText('dense.zip: images/blank.png: would inflate 8 KiB to 8 MiB (1030:1)');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Largest compression ratio (:1)').fill('2000');
  await settings.getByRole('button', { name: 'Save' }).click();
  await page.reload(); // the setting is kept
  await menu(page, 'Import', 'Import dataset…');
  await choose('dense.zip', dense);
  await expect(dialog.getByLabel('Dry run')).toContainText('1 annotation; 0 images matched in the project, 1 image to import from the set');
});

test('Restore backup: an unlisted 1.5 GiB entry is refused by name before it is inflated', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  const png = readFixture('chelsea.png');
  const sha = await sha256Hex(png);
  const bundle = await writeBundle(
    {
      images: [{ sha256: sha, fileName: 'chelsea.png', type: 'image/png', width: 451, height: 300, bytes: png.length, importedAt: '2026-01-01T00:00:00.000Z' }],
      annotations: [],
      predictions: [],
      audit: [],
      labels: [],
      blobs: new Map([[sha, png]]),
      thumbnails: new Map([[sha, png]]),
      previews: new Map(),
    },
    { projectName: 'Bombed', schemaVersion: SCHEMA_VERSION, created: '2026-01-01T00:00:00.000Z' },
  );
  const entries = Object.entries(unzipSync(bundle)).map(([path, bytes]) => stored(path, bytes));
  const bombed = writeZip([...entries, zeros('padding.bin', zerosSize(1.5 * GiB))]);
  const measured = await rendererPeak(async () => {
    await page.getByTestId('restore-input').setInputFiles({ name: 'bombed.zip', mimeType: 'application/zip', buffer: Buffer.from(bombed) });
    await expect(page.getByTestId('backup-message')).toContainText('bombed.zip was not restored: padding.bin: not listed in the manifest');
  });
  report('Restore, unlisted 1.5 GiB entry refused', measured);
  expect(measured.peakMb - measured.beforeMb).toBeLessThan(1024); // the unhardened restore grew it by 4.6 GB
  await expect(page.getByRole('combobox', { name: 'Project' })).not.toContainText('Bombed');
});
