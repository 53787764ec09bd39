import { expect, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { evidenceFiles } from '../helpers/evidence-files';
import { screenOf, webMercator } from '../helpers/map';

const files = evidenceFiles();

test('photos with EXIF GPS are points on the map where they were taken; clicking one opens the photo', async ({ page }) => {
  await page.goto('/');
  // Canon EXIF at 40.6892 N 74.0445 W (New York) and Nikon EXIF at 48.8584 N 2.2945 E (Paris); the astronaut has none.
  await importThroughChooser(page, [files.rocket, files.horse, files.astronaut]);
  await page.keyboard.press('m');
  const map = page.getByTestId('map');
  // No raster with a CRS: the photos are shown on Web Mercator.
  await expect(map).toHaveAttribute('data-projection', 'EPSG:3857');

  const paris = await screenOf(page, webMercator(2.2945, 48.8584));
  await page.mouse.move(paris.x, paris.y);
  await expect(page.getByTestId('map-pointer')).toContainText(/48\.8\d+° N 2\.[23]\d+° E \(WGS 84\)/);

  const newYork = await screenOf(page, webMercator(-74.0445, 40.6892));
  const box = (await map.boundingBox())!;
  for (const point of [paris, newYork]) {
    expect(point.x).toBeGreaterThan(box.x);
    expect(point.x).toBeLessThan(box.x + box.width);
  }
  await page.mouse.click(newYork.x, newYork.y);
  await expect(page.getByRole('region', { name: 'Map' })).toBeHidden();
  await showTab(page, 'Image');
  await expect(page.getByRole('region', { name: 'Metadata' }).getByTestId('meta-camera')).toHaveText('Canon EOS R5');
});
