import type { Page } from '@playwright/test';

/** Where an image pixel is on screen (the frame carries the zoom and pan transform). */
export async function screenOf(page: Page, imageWidth: number, x: number, y: number) {
  const frame = (await page.locator('.frame').boundingBox())!;
  const k = frame.width / imageWidth;
  return { x: frame.x + x * k, y: frame.y + y * k, k };
}

/** A mouse drag in small steps, as a hand makes it. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}
