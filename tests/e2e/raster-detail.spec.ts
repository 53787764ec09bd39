import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { writeArrayBuffer } from 'geotiff';
import { importThroughChooser } from '../helpers/app';

/** 4096² grey checkerboard of one-pixel squares: any shrunk rendering of it is flat grey, the real pixels are black and white. */
function checkerboardTiff(path: string): void {
  const size = 4096;
  const values = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) values[y * size + x] = (x + y) % 2 ? 255 : 0;
  writeFileSync(path, new Uint8Array(writeArrayBuffer(values, { width: size, height: size, BitsPerSample: [8], SamplesPerPixel: 1, PhotometricInterpretation: 1 })));
}

test('zoomed in past its preview, a large TIFF shows its real pixels, read for the part on screen', async ({ page }, testInfo) => {
  const file = testInfo.outputPath('checkerboard.tif');
  checkerboardTiff(file);
  await page.goto('/');
  await importThroughChooser(page, file);
  const stage = page.getByTestId('stage');
  const detail = page.getByTestId('tiff-detail');
  await expect(stage).toHaveAttribute('data-zoom', /\d/);
  await expect(detail).toBeHidden(); // fitted: the 2048-px preview is sharp enough

  await stage.hover();
  for (let i = 0; i < 12 && Number(await stage.getAttribute('data-zoom')) < 1.5; i++) await page.keyboard.press('+');
  await expect(detail).toBeVisible();
  const window = (await detail.getAttribute('data-window'))!.split(',').map(Number);
  expect(window[2]! * window[3]!).toBeLessThan(4096 * 4096 / 4); // a window, not the raster

  // The canvas holds the real one-pixel squares: nearly every value is black or white, none of the preview's grey.
  const extremes = await detail.evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, Math.min(200, canvas.width), Math.min(200, canvas.height)).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 20 || data[i]! > 235) count++;
    return count / (data.length / 4);
  });
  expect(extremes).toBeGreaterThan(0.95);

  await page.keyboard.press('0'); // back to fit: the preview alone again
  await expect(detail).toBeHidden();
});
