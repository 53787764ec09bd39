import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

/** The image pixel under the pointer, as the viewer's coordinate line states it. */
async function pixelUnderPointer(page: Page): Promise<{ x: number; y: number }> {
  const text = await page.getByTestId('cursor-position').innerText();
  const [, x, y] = /x (\d+) y (\d+) px/.exec(text)!.map(Number);
  return { x: x!, y: y! };
}

const frameBox = async (page: Page) => (await page.locator('.frame').boundingBox())!;

test('zoom with the wheel at the pointer, + / - / 0, pan with Space+drag and the middle button; coordinates stay right; ? lists the shortcuts', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('astronaut.png'));
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  const stage = page.getByTestId('stage');
  const fitted = await frameBox(page);
  const fitZoom = Number(await stage.getAttribute('data-zoom'));

  // The wheel zooms in about the pointer: the image pixel under it stays under it.
  const at = { x: fitted.x + fitted.width * 0.3, y: fitted.y + fitted.height * 0.6 };
  await page.mouse.move(at.x, at.y);
  const before = await pixelUnderPointer(page);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -300);
  await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeGreaterThan(fitZoom * 2);
  await page.mouse.move(at.x + 1, at.y);
  await page.mouse.move(at.x, at.y);
  const after = await pixelUnderPointer(page);
  expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1);
  // Boxes are drawn in image pixels under the same transform: the person's box grew with the image.
  const zoomedFrame = await frameBox(page);
  expect(zoomedFrame.width).toBeGreaterThan(fitted.width * 2);

  // Space + drag pans by exactly the drag; the pixel under the pointer moves with the image.
  await page.keyboard.down(' ');
  await page.mouse.down();
  await page.mouse.move(at.x - 80, at.y - 50, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up(' ');
  const panned = await frameBox(page);
  expect(Math.round(panned.x - zoomedFrame.x)).toBe(-80);
  expect(Math.round(panned.y - zoomedFrame.y)).toBe(-50);
  const underPan = await pixelUnderPointer(page);
  expect(Math.abs(underPan.x - before.x)).toBeLessThanOrEqual(1);

  // The middle button pans too.
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(at.x, at.y, { steps: 5 });
  await page.mouse.up({ button: 'middle' });
  const back = await frameBox(page);
  expect(Math.round(back.x - panned.x)).toBe(80);

  // + and - zoom about the stage's centre, 0 fits again.
  const zoomNow = Number(await stage.getAttribute('data-zoom'));
  await page.keyboard.press('+');
  await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeCloseTo(zoomNow * 1.25, 3);
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeCloseTo(zoomNow / 1.25, 3);
  await page.keyboard.press('0');
  await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeCloseTo(fitZoom, 3);
  expect(await frameBox(page)).toEqual(fitted);

  // ? shows every shortcut from the table the keys run on; Esc closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const keys of ['Ctrl+Shift+V', 'N, then drag', '1 – 9', 'Shift+Enter', 'Space + drag, middle button drag', 'Wheel']) await expect(help).toContainText(keys);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.locator('footer')).toContainText('? shortcuts');

  // The class filter (the tool rail's Classes) hides a class's boxes from the drawing (and from selection), and
  // shows them again.
  await stage.click({ position: { x: 4, y: 4 } }); // the keys to the canvas again
  await page.keyboard.press('Enter');
  const person = page.locator('svg.overlay g[data-label="person"]');
  await expect(person).toHaveCount(1);
  await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Classes' }).click();
  const show = page.getByRole('group', { name: 'Show classes' }).getByRole('checkbox', { name: 'person' });
  await show.uncheck();
  await expect(person).toHaveCount(0);
  await expect(page.getByTestId('box-details')).toHaveCount(0); // the hidden box is no longer selected
  await show.check();
  await expect(person).toHaveCount(1);
});
