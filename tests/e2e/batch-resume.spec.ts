import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const COUNT = 30;

/** Distinct files (distinct SHA-256) with the same picture: rocket.jpg with a JPEG comment segment after SOI. */
function rocketVariants(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-batch-'));
  const jpeg = readFileSync(fixturePath('rocket.jpg'));
  return Array.from({ length: COUNT }, (_, i) => {
    const text = Buffer.from(`frame ${i}`);
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
    const file = join(dir, `frame-${String(i).padStart(2, '0')}.jpg`);
    writeFileSync(file, Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)]));
    return file;
  });
}

const progressDone = async (page: Page) => {
  const text = await page.getByRole('group', { name: 'Detecting progress' }).innerText();
  return Number(/Detecting (\d+) \//.exec(text)?.[1]);
};

test('a batch survives a reload mid-run, keeps what it finished, resumes, and can be paused', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await importThroughChooser(page, rocketVariants());
  await expect(page.getByRole('status').filter({ hasText: `Imported ${COUNT} images` })).toBeVisible();

  await page.keyboard.press('Shift+R');
  const progress = page.getByRole('group', { name: 'Detecting progress' });
  await expect(progress).toContainText(new RegExp(`Detecting ([3-9]|[12]\\d) / ${COUNT}`));
  await page.reload(); // as if the tab crashed

  // The job picks up where it was: it does not start again from zero, and it finishes.
  await expect(progress).toBeVisible();
  expect(await progressDone(page)).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('p');
  await expect(progress).toContainText('paused');
  const pausedAt = await progressDone(page);
  await page.waitForTimeout(1500);
  expect(await progressDone(page)).toBe(pausedAt); // paused means no more work
  await page.keyboard.press('p');
  await expect(progress).toBeHidden({ timeout: 120_000 });

  // Every image has its result: the thumbnails drawn carry the model's mark, at both ends of the (virtualised) gallery.
  const gallery = page.getByRole('list', { name: 'Images' });
  const badgeOf = (name: string) => gallery.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).locator('.thumb-run');
  await page.getByLabel('Sort').selectOption('name');
  await expect(badgeOf('frame-00.jpg')).toBeVisible();
  const drawn = await gallery.locator('.thumb').count();
  await expect(gallery.locator('.thumb-run')).toHaveCount(drawn);
  await page.getByRole('checkbox', { name: 'descending' }).check();
  await gallery.hover();
  await page.mouse.wheel(0, -20_000); // the grid keeps the open image (frame-00, now last) in view: scroll to the top
  await expect(badgeOf('frame-29.jpg')).toBeVisible();
  await expect(gallery.locator('.thumb-run')).toHaveCount(await gallery.locator('.thumb').count());
  await page.getByRole('button', { name: /frame-29\.jpg/ }).click();
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('clock');
});

test('moving the score threshold filters the cached result without running the model again', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('chelsea.png'));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 image' })).toBeVisible();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  const list = page.getByRole('list', { name: 'Detections list' });
  await expect(list.getByRole('listitem')).toHaveCount(1); // dog 0.48 at the model's default 0.2
  await expect(page.getByTestId('result-source')).toContainText('Computed now');

  const slider = page.getByRole('slider', { name: /Min score/ });
  await slider.fill('0.5');
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText(/0 objects with score ≥ 0\.50 \(\d+ below\)/)).toBeVisible();
  await slider.fill('0.2');
  await expect(list).toContainText('dog');
  await page.reload();
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('From cache');
});
