import { expect, type Page, test } from '@playwright/test';
import { detectOnCamera, importThroughChooser } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { drag, screenOf } from '../helpers/stage';

type Box = { x: number; y: number; w: number; h: number };

/** The selected box as the provenance panel states it. */
async function selectedBox(page: Page): Promise<Box> {
  const text = await page.getByTestId('box-geometry').innerText();
  const [, x, y, w, h] = /x ([\d.]+) y ([\d.]+) w ([\d.]+) h ([\d.]+)/.exec(text)!.map(Number);
  return { x: x!, y: y!, w: w!, h: h! };
}

/** Waits until the image stops moving on screen (the fitted view follows the stage while the page around it settles). */
async function untilStill(page: Page) {
  let last = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await page.locator('.frame').boundingBox());
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [300] })
    .toBe(true);
}

const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);

test('edit with a real mouse and keyboard: accept/reject one and all, move, resize, draw, relabel; undo/redo each; audited and there after a reload', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);
  await page.locator('body').click({ position: { x: 2, y: 2 } }); // keys to the app, not the slider
  await page.keyboard.press('Enter');
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  const audit = page.getByTestId('audit-status');

  // Accept all and reject the rest, each undone and redone.
  await page.getByRole('button', { name: /Accept all ≥ 0\.20/ }).click();
  await expect(items.filter({ hasText: 'accepted' })).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(items.filter({ hasText: 'suggested' })).toHaveCount(2);
  await page.keyboard.press('Control+Shift+z');
  await expect(items.filter({ hasText: 'accepted' })).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'Reject the rest' }).click();
  await expect(items.filter({ hasText: 'rejected' })).toHaveCount(2);
  await expect(page.locator('svg.overlay g[data-id]')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(items.filter({ hasText: 'suggested' })).toHaveCount(2);

  // Accept one, reject one, by keyboard; undo both, redo both.
  await page.keyboard.press('Enter');
  await expect(items.nth(0)).toContainText('accepted');
  await page.keyboard.press('x');
  await expect(items.nth(1)).toContainText('rejected');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(items.filter({ hasText: 'suggested' })).toHaveCount(2);
  await page.keyboard.press('Control+y');
  await page.keyboard.press('Control+y');
  await expect(items.nth(0)).toContainText(/person .*accepted/);
  await expect(items.nth(1)).toContainText(/car .*rejected/);
  await expect(audit).toContainText('13 entries, hash chain verified');

  // Move the person by dragging it with the mouse: it becomes "edited", the model's box is kept.
  await items.nth(0).getByRole('button').click();
  const person = await selectedBox(page);
  const centre = await screenOf(page, 512, person.x + person.w / 2, person.y + person.h / 2);
  await drag(page, centre, { x: centre.x - 30, y: centre.y + 20 });
  await expect(page.getByTestId('box-status')).toHaveText('edited');
  const moved = await selectedBox(page);
  // Moved by the drag, with any part pushed past the image's edges clipped off.
  const [dx, dy] = [-30 / centre.k, 20 / centre.k];
  near(moved.x, Math.max(0, person.x + dx));
  near(moved.y, Math.max(0, person.y + dy));
  near(moved.x + moved.w, Math.min(512, person.x + person.w + dx));
  near(moved.y + moved.h, Math.min(512, person.y + person.h + dy));
  await expect(page.getByTestId('box-original')).toContainText(`x ${person.x} y ${person.y} w ${person.w} h ${person.h}`);
  await expect(page.getByTestId('box-source')).toContainText('model coco-centernet@human-3.3.6');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${person.x} y ${person.y} w ${person.w} h ${person.h}`);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${moved.x} y ${moved.y} w ${moved.w} h ${moved.h}`);

  // Resize by the east edge alone: only the width changes.
  const east = await screenOf(page, 512, moved.x + moved.w, moved.y + moved.h / 2);
  await drag(page, east, { x: east.x - 40, y: east.y + 15 });
  await expect(page.getByTestId('box-geometry')).not.toHaveText(`x ${moved.x} y ${moved.y} w ${moved.w} h ${moved.h}`);
  const resized = await selectedBox(page);
  expect([resized.x, resized.y, resized.h]).toEqual([moved.x, moved.y, moved.h]);
  near(resized.w, moved.w - 40 / east.k);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${moved.x} y ${moved.y} w ${moved.w} h ${moved.h}`);
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${resized.x} y ${resized.y} w ${resized.w} h ${resized.h}`);
  await expect(audit).toContainText('19 entries, hash chain verified');

  // Draw a new box: N, then drag, then its label from the picker (none given yet: the set's first comes first).
  // It is the analyst's, accepted.
  await page.keyboard.press('n');
  const a = await screenOf(page, 512, 100, 100);
  const b = await screenOf(page, 512, 200, 160);
  await drag(page, a, b);
  await expect(page.getByRole('dialog', { name: 'Pick a label' })).toContainText('Label for the new box');
  await expect(page.getByRole('listbox', { name: 'Labels' }).getByRole('option').first()).toHaveText('person');
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('box-source')).toHaveText('analyst (person)');
  await expect(page.getByTestId('box-status')).toHaveText('accepted');
  const drawn = await selectedBox(page);
  near(drawn.x, 100);
  near(drawn.y, 100);
  near(drawn.w, 100);
  near(drawn.h, 60);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(2);
  await page.keyboard.press('Control+y');
  await expect(items).toHaveCount(3);

  // Arrow keys move the selected box (Shift: 10 pixels).
  await items.nth(2).getByRole('button').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${drawn.x + 10} y ${drawn.y + 1} w ${drawn.w} h ${drawn.h}`);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${drawn.x + 10} y ${drawn.y} w ${drawn.w} h ${drawn.h}`);
  const final = { ...drawn, x: drawn.x + 10 };

  // Relabel: 3 is the third label of the set (seeded from the model's labels: person, bicycle, car, ...).
  await expect(page.getByTestId('box-label')).toHaveText('person');
  await page.keyboard.press('3');
  await expect(page.getByTestId('box-label')).toHaveText('car');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('box-label')).toHaveText('person');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('box-label')).toHaveText('car');

  // The type-ahead picker: an existing label by typing and Enter, then a new one added to the set.
  await page.keyboard.press('l');
  await page.keyboard.type('tr'); // train, truck, traffic light, ... in the set's order
  const choices = page.getByRole('listbox', { name: 'Labels' }).getByRole('option');
  await expect(choices.first()).toHaveText('train');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(choices.and(page.getByRole('option', { selected: true }))).toHaveText('truck');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('box-label')).toHaveText('truck');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('box-label')).toHaveText('car');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('box-label')).toHaveText('truck');
  const inside = await screenOf(page, 512, final.x + final.w / 2, final.y + final.h / 2);
  await page.mouse.dblclick(inside.x, inside.y); // double-click opens the picker too
  await expect(page.getByRole('dialog', { name: 'Pick a label' })).toBeVisible();
  await page.keyboard.type('traffic cone');
  await expect(page.getByRole('option', { name: 'Add “traffic cone” to the label set' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('box-label')).toHaveText('traffic cone');
  await expect(page.locator('svg.overlay g[data-label="traffic cone"]')).toHaveAttribute('data-box', `${final.x},${final.y},${final.w},${final.h}`);
  await expect(audit).toContainText('32 entries, hash chain verified');

  // Copy this image's boxes onto the next one (Ctrl+Shift+V there), one undoable step.
  await page.keyboard.press('f');
  await expect(page.getByRole('heading', { name: 'horse.png' })).toBeVisible();
  await page.keyboard.press('Control+Shift+V');
  await expect(items).toHaveCount(2); // the person and the drawn box; the rejected car is not copied
  await expect(items.filter({ hasText: 'human:analyst' })).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(0);
  await page.keyboard.press('Control+y');
  await expect(items).toHaveCount(2);

  // Mark reviewed and go to the next unreviewed image.
  await page.keyboard.press('d');
  await expect(page.getByRole('heading', { name: 'camera.png' })).toBeVisible();
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByRole('heading', { name: 'horse.png' })).toBeVisible();

  // A reload finds every edit.
  await page.reload();
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(page.getByTestId('review-status')).toHaveText('Image reviewed');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText(/person .*edited/);
  await expect(items.nth(1)).toContainText(/car .*rejected/);
  await expect(items.nth(2)).toContainText(/traffic cone .*accepted/);
  await expect(page.locator('svg.overlay g[data-label="person"]')).toHaveAttribute('data-box', `${resized.x},${resized.y},${resized.w},${resized.h}`);
  await expect(page.locator('svg.overlay g[data-label="traffic cone"]')).toHaveAttribute('data-box', `${final.x},${final.y},${final.w},${final.h}`);
  await expect(audit).toContainText('35 entries, hash chain verified');
  await items.nth(2).getByRole('button').click();
  await page.keyboard.press('l');
  await page.keyboard.type('traffic c');
  await expect(page.getByRole('option', { name: 'traffic cone', exact: true })).toBeVisible(); // now in the label set
  await page.keyboard.press('Escape');

  // Alter one stored audit entry behind the app's back: the chain no longer verifies, and the panel says where.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recognition-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('audit', 'readwrite');
          const store = tx.objectStore('audit');
          const get = store.get(5);
          get.onsuccess = () => store.put({ ...get.result, actor: 'human:mallory' });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await page.getByRole('button', { name: /camera\.png/ }).click();
  await expect(audit).toContainText('hash chain BROKEN at entry 5: the entry was altered after it was written');
});

test('a box drawn past the edge is clipped to the image; a click without a drag makes no box', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, fixturePath('chelsea.png')); // 451 × 300
  await expect(page.locator('.frame img')).toBeVisible();
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await untilStill(page); // the page settles around the stage, and the fitted image with it
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');

  await page.keyboard.press('n');
  const inside = await screenOf(page, 451, 20, 20);
  await page.mouse.click(inside.x, inside.y);
  await expect(page.getByRole('status').filter({ hasText: 'Not done: a box needs an area' })).toBeVisible();
  await expect(page.locator('svg.overlay g[data-id]')).toHaveCount(0);

  await page.keyboard.press('n');
  const start = await screenOf(page, 451, 400, 250);
  const past = await screenOf(page, 451, 520, 380); // beyond the right and bottom edges, on the stage's margin
  await drag(page, start, past);
  await page.keyboard.type('cat');
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('box-label')).toHaveText('cat');
  const box = await selectedBox(page);
  near(box.x, 400);
  near(box.y, 250);
  expect(box.x + box.w).toBe(451);
  expect(box.y + box.h).toBe(300);

  // Dragged wholly off the image, the box keeps what is left inside it (here nothing would be: the move is refused).
  const centre = await screenOf(page, 451, box.x + box.w / 2, box.y + box.h / 2);
  const far = await screenOf(page, 451, box.x + box.w / 2 + 400, box.y + box.h / 2);
  await drag(page, centre, far);
  await expect(page.getByRole('status').filter({ hasText: 'Not done: the box would have no area inside the image' })).toBeVisible();
  await expect(page.getByTestId('box-geometry')).toHaveText(`x ${box.x} y ${box.y} w ${box.w} h ${box.h}`);
});
