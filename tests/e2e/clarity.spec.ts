import { expect, type Page, test } from '@playwright/test';
import { detectOnCamera, menu, showTab } from '../helpers/app';
import { screenOf } from '../helpers/stage';

const thumb = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) });
/** The gallery cell of an image: its thumbnail button, pick box and counts. */
const cell = (page: Page, name: string) => page.getByRole('list', { name: 'Images' }).getByRole('listitem').filter({ has: thumb(page, name) });
const selectedBox = async (page: Page) => (await page.locator('svg.overlay g[data-selected]').getAttribute('data-box'))!.split(',').map(Number);

/** WCAG contrast of two CSS colours as the browser resolves them. */
function contrastOf(page: Page, pairs: [string, string][]): Promise<number[]> {
  return page.evaluate((list) => {
    const probe = document.body.appendChild(document.createElement('span'));
    const rgb = (css: string) => {
      probe.style.color = '';
      probe.style.color = css;
      if (!probe.style.color) throw new Error(`not a CSS colour: ${css}`);
      return getComputedStyle(probe).color.match(/[\d.]+/g)!.slice(0, 3).map((v) => Number(v) / 255);
    };
    const lum = (css: string) => {
      const [r, g, b] = rgb(css).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratios = list.map(([a, b]) => {
      const [la, lb] = [lum(a), lum(b)];
      return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    });
    probe.remove();
    return ratios;
  }, pairs);
}

test('the record and the model output apart; readable captions; badges by kind; keys where the focus is; a drawn box asks for its label', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);

  // Model output and the record are two tabs with their own words: detections before review, none on the record yet.
  const output = page.getByRole('list', { name: 'Detections list' });
  await expect(output.getByRole('listitem').first()).toContainText('person');
  await showTab(page, 'Annotations');
  await expect(page.getByRole('list', { name: 'Annotations' })).toHaveCount(0);

  // Detect again: answered from the cache, and the panel says so.
  await page.getByRole('button', { name: 'Detect', exact: true }).click();
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('From cache');

  // With the Min score slider focused, the arrows move the slider, not to the next image.
  const slider = page.getByRole('slider', { name: /Min score/ });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).not.toHaveValue('0.2');
  await expect(thumb(page, 'camera.png')).toHaveAttribute('aria-current', 'true');
  await slider.fill('0.2');
  // A focused select takes the arrows too: the next sort order, the same image.
  const sort = page.getByRole('combobox', { name: 'Sort' });
  const order = await sort.inputValue();
  await sort.focus();
  await page.keyboard.press('ArrowDown');
  await expect(sort).not.toHaveValue(order);
  await page.keyboard.press('ArrowRight');
  await expect(thumb(page, 'camera.png')).toHaveAttribute('aria-current', 'true');
  await sort.selectOption(order);
  // A text field keeps its letters: D (previous image), E (evaluate) and R (detect) are typed, not run.
  await showTab(page, 'Tags');
  const tag = page.getByRole('textbox', { name: 'New tag' });
  await tag.fill('');
  await tag.pressSequentially('red door');
  await expect(tag).toHaveValue('red door');
  await expect(thumb(page, 'camera.png')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await tag.fill('');
  await showTab(page, 'Annotations');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('Enter'); // the detections become suggestions
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');
  await expect(items.first()).toBeVisible();
  const suggestions = await items.count();

  // Captions are readable on every class colour (text colour chosen by contrast, at least 4.5:1).
  const captions = await page.locator('svg.overlay g[data-label]').evaluateAll((groups) =>
    groups.map((g) => [g.querySelector('rect:not([fill="none"])')!.getAttribute('fill')!, g.querySelector('text')!.getAttribute('fill')!] as [string, string]),
  );
  expect(captions.length).toBeGreaterThan(0);
  for (const ratio of await contrastOf(page, captions)) expect(ratio).toBeGreaterThanOrEqual(4.5);

  // The thumbnail counts annotations decided and suggestions pending apart.
  const camera = thumb(page, 'camera.png');
  const counts = cell(page, 'camera.png');
  await expect(counts.getByTestId('thumb-pending')).toHaveText(`◇ ${suggestions} pending`);
  await expect(counts.getByTestId('thumb-annotations')).toHaveCount(0);
  await page.keyboard.press('Enter'); // accept the selected (first) suggestion
  await expect(counts.getByTestId('thumb-annotations')).toHaveText('■ 1 annotation');
  if (suggestions > 1) await expect(counts.getByTestId('thumb-pending')).toHaveText(`◇ ${suggestions - 1} pending`);

  // Drawing a new box while one is selected leaves the selected box where it is, during the drag and after.
  const held = await selectedBox(page);
  await page.keyboard.press('n');
  const from = await screenOf(page, 512, 20, 20);
  const to = await screenOf(page, 512, 120, 90);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  expect(await selectedBox(page)).toEqual(held);
  await page.mouse.up();
  // The drawn box asks for its label, the last given first.
  const picker = page.getByRole('dialog', { name: 'Pick a label' });
  await expect(picker).toContainText('Label for the new box');
  await page.keyboard.type('tripod');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('box-label')).toHaveText('tripod');
  await expect(page.getByTestId('box-source')).not.toContainText('analyst analyst');
  await page.keyboard.press('n');
  const again = [await screenOf(page, 512, 30, 400), await screenOf(page, 512, 90, 470)];
  await page.mouse.move(again[0]!.x, again[0]!.y);
  await page.mouse.down();
  await page.mouse.move(again[1]!.x, again[1]!.y, { steps: 5 });
  await page.mouse.up();
  await expect(picker.getByRole('listbox', { name: 'Labels' }).getByRole('option').first()).toHaveAccessibleName('tripod');
  await page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);

  // Hover, keyboard focus and selection look different from each other.
  const horse = thumb(page, 'horse.png');
  const look = (l: ReturnType<typeof thumb>) =>
    l.evaluate((e) => {
      const s = getComputedStyle(e);
      return `${s.backgroundColor}|${s.borderColor}|${s.boxShadow}|${s.outlineStyle}:${s.outlineColor}`;
    });
  const plain = await look(horse);
  await horse.hover();
  const hovered = await look(horse);
  const selected = await look(camera);
  await page.mouse.move(0, 0);
  await horse.focus();
  await page.keyboard.press('Shift'); // focus-visible comes with the keyboard
  const focused = await look(horse);
  expect(new Set([plain, hovered, selected, focused]).size).toBe(4);
});

test('dialogs are modal: the page dims, Tab stays inside, Esc closes back to where one was; export shows the classes in use first', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page);
  await page.keyboard.press('Enter'); // suggestions
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first()).toBeVisible();
  // The project's label set, seeded from the model's 80 labels when first needed (here by the picker).
  await page.keyboard.press('l');
  await expect(page.getByRole('listbox', { name: 'Labels' }).getByRole('option')).toHaveCount(12);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter'); // the person accepted

  await menu(page, 'Export', 'Export dataset…');
  const dialog = page.getByRole('dialog', { name: 'Export dataset' });
  await expect(dialog).toBeVisible();
  const backdrop = await dialog.evaluate((d) => getComputedStyle(d, '::backdrop').backgroundColor);
  expect(backdrop).toMatch(/^rgba\(\d+, \d+, \d+, 0\.[3-9]\d*\)$/); // dimmed, not clear
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
  }

  // Only the classes on the chosen images, the 80 others behind "show all"; the buttons in view all along.
  const rows = dialog.getByRole('row');
  await expect(dialog.getByText(/^\d+ class(es are| is) on the chosen images/)).toBeVisible();
  const few = await rows.count();
  expect(few).toBeLessThan(10);
  await dialog.getByRole('button', { name: /^Show all \d+ classes/ }).click();
  expect(await rows.count()).toBeGreaterThan(few + 50);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export zip' }).click();
  await download;
  await expect(dialog.getByRole('status')).toContainText(/Exported 2 images, \d+ annotations?, \d+ (class|classes)\b/);
  await expect(dialog.getByRole('status')).not.toContainText('classs');
  await expect(dialog.getByRole('button', { name: 'Export zip' })).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport({ ratio: 1 });

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Menus' }).getByRole('button', { name: 'Export', exact: true })).toBeFocused();
});
