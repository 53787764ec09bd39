import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';

const items = (page: Page) => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');

async function open(page: Page, name: string) {
  await page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function go(page: Page, key: 'd' | 'f', name: string) {
  await page.keyboard.press(key);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** Statuses of the open image's annotations, in list order. */
async function statuses(page: Page): Promise<string[]> {
  return (await items(page).locator('.status').allInnerTexts()).map((s) => s.trim());
}

test('bulk review over the picked images: accept all above the threshold and reject the rest on each, one undo step each', async ({ page }) => {
  await page.goto('/');
  const names = ['camera.png', 'astronaut.png'];
  await importThroughChooser(page, names.map(fixturePath));
  for (const name of names) {
    await open(page, name);
    await page.keyboard.press('r');
    await showTab(page, 'Model output');
    await expect(page.getByTestId('result-source')).toContainText('Computed now');
  }
  await page.getByRole('slider', { name: /Min score/ }).fill('0.2');
  for (const name of names) await page.getByRole('checkbox', { name: `Pick ${name}` }).check();

  await showTab(page, 'Annotations');
  const bulk = page.getByRole('region', { name: 'Bulk review' });
  const message = page.getByRole('status').filter({ hasText: /on \d of 2 images/ });
  await bulk.getByRole('button', { name: 'Accept all ≥ 0.20 on each' }).click();
  await expect(message).toContainText('Accepted suggestions ≥ 0.20 on 2 of 2 images');
  // Moving between images by key (a click on a thumbnail would change what is picked).
  await go(page, 'd', 'camera.png');
  await expect.poll(() => statuses(page)).toEqual(['accepted', 'accepted']);
  await go(page, 'f', 'astronaut.png');
  // The list fills in after the image opens: wait for it before counting.
  await expect.poll(async () => (await statuses(page)).length).toBeGreaterThan(0);
  const onAstronaut = (await statuses(page)).length;
  await expect.poll(() => statuses(page)).toEqual(Array(onAstronaut).fill('accepted'));

  // One Ctrl+Z undoes the accept on both images.
  await page.keyboard.press('Control+z');
  await expect.poll(() => statuses(page)).toEqual(Array(onAstronaut).fill('suggested'));
  await go(page, 'd', 'camera.png');
  await expect.poll(() => statuses(page)).toEqual(['suggested', 'suggested']);

  await bulk.getByRole('button', { name: 'Reject the rest on each' }).click();
  await expect(message).toContainText('Rejected the open suggestions on 2 of 2 images');
  await expect.poll(() => statuses(page)).toEqual(['rejected', 'rejected']);
  await page.keyboard.press('Control+z');
  await expect.poll(() => statuses(page)).toEqual(['suggested', 'suggested']);
  await page.keyboard.press('Control+y');
  await expect.poll(() => statuses(page)).toEqual(['rejected', 'rejected']);
  // The list shows a change before it is saved; the audit count moves once it is (a reload before would lose it).
  await expect(page.getByTestId('audit-status')).toContainText('12 entries');

  // Saved and audited: after a reload the astronaut's suggestions are rejected too and the chain verifies.
  await page.reload();
  await open(page, 'astronaut.png');
  await expect.poll(() => statuses(page)).toEqual(Array(onAstronaut).fill('rejected'));
  // 2 suggest + accept on 2 + its undo on 2 + reject on 2 + undo on 2 + redo on 2
  await expect(page.getByTestId('audit-status')).toContainText('12 entries, hash chain verified');
});
