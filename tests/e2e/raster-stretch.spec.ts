import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { writeArrayBuffer } from 'geotiff';
import { importThroughChooser, openRunSettings, showTab } from '../helpers/app';

/** A 16-bit grey raster: values 1000–2980 in steps of 20 along x, and a few hot pixels (65535) in the corner. */
function sixteenBitTiff(path: string): void {
  const width = 400;
  const height = 100;
  const values = new Uint16Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) values[y * width + x] = 1000 + Math.floor(x / 4) * 20;
  for (let i = 0; i < 4; i++) values[i] = 65535;
  writeFileSync(path, new Uint8Array(writeArrayBuffer(values, { width, height, BitsPerSample: [16], SamplesPerPixel: 1, PhotometricInterpretation: 1 })));
}

/** Grey level the viewer shows at an image position (read back from the displayed <img>). */
function greyAt(page: Page, x: number, y: number): Promise<number> {
  return page.getByRole('region', { name: 'Viewer' }).getByRole('img', { name: 'deep.tif' }).evaluate(
    (img: HTMLImageElement, [px, py]) => {
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const context = canvas.getContext('2d')!;
      context.drawImage(img, 0, 0);
      return context.getImageData(Math.round((px! * img.naturalWidth) / 400), Math.round((py! * img.naturalHeight) / 100), 1, 1).data[0]!;
    },
    [x, y],
  );
}

test('a 16-bit raster is shown stretched by percentiles a person can change; the preview is rendered again', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('deep.tif');
  sixteenBitTiff(file);
  await page.goto('/');
  await importThroughChooser(page, file);
  const middle = () => greyAt(page, 202, 50); // value 2000

  // Default 2–98 %: 2000 lies mid-way between 1040 and 2960.
  await expect.poll(middle).toBeGreaterThan(118);
  expect(await middle()).toBeLessThan(138);

  // The model sees what is shown: a result computed under 2–98 % is not the result under another stretch.
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');

  // 0–100 % (a run setting, under the Run panel): the hot pixels become white, so 2000 is nearly black.
  await openRunSettings(page);
  const stretch = page.getByRole('form', { name: '16-bit stretch' });
  await stretch.getByLabel('low %').fill('0');
  await stretch.getByLabel('high %').fill('100');
  await stretch.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(middle).toBeLessThan(10);
  await expect(page.getByText('Not run with')).toBeVisible();

  // Kept after a reload; a wrong pair is refused with the reason and changes nothing.
  await page.reload();
  await openRunSettings(page);
  await expect(stretch.getByLabel('low %')).toHaveValue('0');
  await stretch.getByLabel('low %').fill('99');
  await stretch.getByLabel('high %').fill('5');
  await stretch.getByRole('button', { name: 'Apply' }).click();
  await expect(stretch.getByRole('alert')).toContainText('0 ≤ low < high ≤ 100 (got 99 and 5)');
  await expect.poll(middle).toBeLessThan(10);
});

test('back to the default stretch, the earlier result comes from the cache', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('deep.tif');
  sixteenBitTiff(file);
  await page.goto('/');
  await importThroughChooser(page, file);
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await openRunSettings(page);
  const stretch = page.getByRole('form', { name: '16-bit stretch' });
  await stretch.getByLabel('low %').fill('1');
  await stretch.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Not run with')).toBeVisible();
  await stretch.getByLabel('low %').fill('2');
  await stretch.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('result-source')).toContainText('From cache');
});
