// Two tabs on one project: each shows the other's edits as they are saved, no edit is lost or written twice, and a
// newer version of the workbench opening the project in another tab does not hang on this one.
import { expect, type Page, test } from '@playwright/test';
import { detectOnCamera, openFilters } from '../helpers/app';

const annotations = (page: Page) => page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');

test('edits made in two tabs show in both at once and are all there, once each, with a verified log after reloading both', async ({ page: first, context }) => {
  await first.goto('/');
  await detectOnCamera(first);
  await first.keyboard.press('Enter'); // the detections become suggestions (person, car)
  await expect(annotations(first)).toHaveCount(2);

  const second = await context.newPage();
  await second.goto('/');
  await second.getByRole('button', { name: /camera\.png/ }).click();
  await expect(annotations(second)).toHaveCount(2);
  await expect(annotations(second).nth(0)).toContainText(/person .*suggested/);

  await first.keyboard.press('Enter'); // the first tab accepts the person
  await expect(annotations(first).nth(0)).toContainText(/person .*accepted/);
  await expect(annotations(second).nth(0)).toContainText(/person .*accepted/); // shown in the other tab, unasked

  await second.keyboard.press('Tab'); // the second tab moves on to the car (0.21: drawn even while its engine still starts) and rejects it
  await second.keyboard.press('Delete');
  await expect(annotations(second).nth(1)).toContainText(/car .*rejected/);
  await expect(annotations(first).nth(1)).toContainText(/car .*rejected/);
  await expect(first.getByTestId('audit-status')).toContainText('3 entries, hash chain verified');
  await expect(first.getByTestId('review-status')).toHaveText('Image in progress');

  for (const tab of [first, second]) {
    await tab.reload();
    await tab.getByRole('button', { name: /camera\.png/ }).click();
    await expect(annotations(tab)).toHaveCount(2);
    await expect(annotations(tab).nth(0)).toContainText(/person .*accepted/);
    await expect(annotations(tab).nth(1)).toContainText(/car .*rejected/);
    // suggest, accept, reject: each written once, by the tab that made it
    await expect(tab.getByTestId('audit-status')).toContainText('3 entries, hash chain verified');
    await expect(tab.getByTestId('review-status')).toHaveText('Image in progress');
  }
});

test("one tab's model results, review status and deletions show in the other without a reload", async ({ page: first, context }) => {
  const thumb = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) });
  await first.goto('/');
  await detectOnCamera(first);
  const second = await context.newPage();
  await second.goto('/');
  await expect(thumb(second, 'camera.png').locator('.thumb-run')).toContainText(/model ran/);
  await expect(thumb(second, 'horse.png').locator('.thumb-run')).toHaveCount(0);

  // The first tab runs the model on the horse and marks it reviewed: the second tab's gallery shows both.
  await thumb(first, 'horse.png').click();
  await first.keyboard.press('r');
  await expect(first.getByTestId('result-source')).toContainText('Computed now');
  await expect(thumb(second, 'horse.png').locator('.thumb-run')).toContainText(/model ran, \d+ objects?/);
  await first.keyboard.press('Shift+Enter');
  await openFilters(second);
  await second.getByRole('combobox', { name: 'Review' }).selectOption('reviewed');
  await expect(second.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(1);
  await expect(thumb(second, 'horse.png')).toBeVisible();
  await second.getByRole('button', { name: 'Clear filters' }).click();

  // The first tab deletes the camera image: it leaves the second tab's gallery.
  await thumb(first, 'camera.png').click({ modifiers: ['ControlOrMeta'] });
  const bulk = first.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('1 image picked');
  await bulk.getByRole('button', { name: 'Delete…' }).click();
  await first.getByRole('dialog', { name: 'Delete 1 image?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(first.getByRole('status').filter({ hasText: /^Deleted/ })).toHaveText('Deleted 1 of 1 images.');
  await expect(second.getByRole('list', { name: 'Images' }).getByRole('listitem')).toHaveCount(1);
  await expect(thumb(second, 'camera.png')).toHaveCount(0);
});

test('a newer version opening the project in another tab makes this tab let go and say so, instead of hanging', async ({ page, context }) => {
  await page.goto('/');
  await detectOnCamera(page); // the project's database is open in this tab and its worker
  const newer = await context.newPage();
  await newer.goto('/');
  await expect(newer.getByRole('button', { name: /camera\.png/ })).toBeVisible();
  // What a newer workbench does first: open the database at a higher version. It must not wait on the other tabs.
  const upgraded = await newer.evaluate(async () => {
    const name = 'recognition-workbench';
    const current = (await indexedDB.databases()).find((d) => d.name === name)!.version!;
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name, current + 1);
      open.onsuccess = () => {
        open.result.close();
        resolve(current + 1);
      };
      open.onerror = () => reject(open.error);
    });
  });
  expect(upgraded).toBeGreaterThan(1);
  for (const tab of [page, newer]) {
    await expect(tab.getByRole('alert').filter({ hasText: 'Another tab opened this project with a newer version of the workbench' })).toBeVisible();
  }
});
