import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const UTM_WORLD_FILE = '0.2\n0\n0\n-0.2\n550000.1\n5804999.9\n';

test('geodata: a world file of 1e308 is refused at import; an unknown EPSG code is refused; a message stays with its image', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-geo-'));
  const files: string[] = [];
  const place = (fixture: string, worldFile: string) => {
    const stem = fixture.replace(/\.png$/, '');
    copyFileSync(fixturePath(fixture), join(dir, fixture));
    writeFileSync(join(dir, `${stem}.pgw`), worldFile);
    files.push(join(dir, fixture), join(dir, `${stem}.pgw`));
  };
  place('astronaut.png', '1e308\n0\n0\n-1\n0\n0\n');
  place('chelsea.png', UTM_WORLD_FILE);
  place('camera.png', UTM_WORLD_FILE);

  await page.goto('/');
  await importThroughChooser(page, files);
  const problems = page.getByRole('region', { name: 'Import problems' });
  await expect(problems).toContainText('astronaut.png: imported without georeference: its world file: affine [');
  await expect(problems).toContainText('puts pixel corner (512, 0) at (Infinity, 0.5), not a finite position');

  await page.getByRole('button', { name: /astronaut\.png/ }).click();
  const details = page.getByRole('region', { name: 'Image details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('astronaut.png');
  await showTab(page, 'Image');
  await expect(details.getByText(/^SHA-256 [0-9a-f]{64}$/)).toBeVisible(); // the Image tab is open, without a georeference
  await expect(page.getByRole('region', { name: 'Georeference' })).toHaveCount(0);

  await page.getByRole('button', { name: /chelsea\.png/ }).click();
  const geo = page.getByRole('region', { name: 'Georeference' });
  await expect(geo).toContainText('(world file) · no CRS');
  await geo.getByLabel(/EPSG code/).fill('12345');
  await geo.getByRole('button', { name: 'Set CRS' }).click();
  await expect(geo.getByRole('alert')).toContainText('EPSG:12345 is not among the bundled definitions (4326, 4258, 3857, 25832');
  await expect(geo).toContainText('no CRS');

  // The next image's panel starts clean.
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('camera.png');
  await expect(geo).toContainText('(world file) · no CRS');
  await expect(geo.getByRole('alert')).toHaveCount(0);

  // A proj4 definition is taken, and shown as the CRS.
  await geo.getByLabel(/EPSG code/).fill('+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs');
  await geo.getByRole('button', { name: 'Set CRS' }).click();
  await expect(geo).toContainText('proj4 +proj=utm +zone=32');
});
