import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { detectOnCamera, menu, modelsMenu } from '../helpers/app';

/** Runs axe-core on what is on screen; prints the count per impact and fails on any serious or critical finding. */
async function audit(page: Page, screen: string, counts: Record<string, Record<string, number>>): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const byImpact: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) byImpact[v.impact ?? 'minor'] = (byImpact[v.impact ?? 'minor'] ?? 0) + v.nodes.length;
  counts[screen] = byImpact;
  console.log(`axe ${screen}: ${Object.entries(byImpact).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  expect(bad, `${screen}: serious or critical violations`).toEqual([]);
}

/** Opens a dialog with `open`, audits it, and closes it with Esc, as a keyboard user would. */
async function auditDialog(page: Page, name: string, open: () => Promise<void>, counts: Record<string, Record<string, number>>): Promise<void> {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await audit(page, `dialog "${name}"`, counts);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('axe-core finds no serious or critical violation on the main screens and in each dialog', async ({ page }) => {
  test.setTimeout(300_000);
  const counts: Record<string, Record<string, number>> = {};
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await audit(page, 'empty project', counts);

  await detectOnCamera(page);
  await audit(page, 'gallery with model output', counts);
  await page.keyboard.press('Enter'); // the detections become suggestions: the editor with boxes
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first()).toBeVisible();
  await audit(page, 'editor with boxes', counts);
  await page.getByRole('tab', { name: 'Image' }).click();
  await audit(page, 'image tab', counts);

  await page.getByRole('button', { name: 'Map', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Map' })).toBeVisible();
  await audit(page, 'map', counts);
  await page.getByRole('button', { name: 'Images', exact: true }).click();

  const dialogs: [string, () => Promise<void>][] = [
    ['New project', () => menu(page, 'Project', 'New project…')],
    ['Rename project', () => menu(page, 'Project', 'Rename…')],
    ['Back up project', () => menu(page, 'Project', 'Back up…')],
    ['Import dataset', () => menu(page, 'Import', 'Import dataset…')],
    ['Export dataset', () => menu(page, 'Export', 'Export dataset…')],
    ['Case report', () => menu(page, 'Export', 'Case report…')],
    ['Evaluate', () => menu(page, 'Analyse', 'Evaluate…')],
    ['Train a model', () => menu(page, 'Analyse', 'Train…')],
    ['Similar images', () => menu(page, 'Analyse', 'Similar images…')],
    ['Hash lists', () => menu(page, 'Analyse', 'Hash lists…')],
    ['Settings', () => page.getByRole('button', { name: 'Settings…' }).click()],
    ['Add model', () => modelsMenu(page, 'Add model…')],
    ['Model library', () => modelsMenu(page, 'Model library…')],
    ['Keyboard shortcuts', () => page.getByRole('button', { name: 'Keyboard shortcuts' }).click()],
  ];
  for (const [name, open] of dialogs) await auditDialog(page, name, open, counts);

  // The label picker, opened from the canvas with the first box selected.
  await page.getByTestId('stage').focus();
  await page.keyboard.press('l');
  await expect(page.getByRole('dialog', { name: 'Pick a label' })).toBeVisible();
  await audit(page, 'dialog "Pick a label"', counts);
  await page.keyboard.press('Escape');

  console.log(`axe counts per screen: ${JSON.stringify(counts)}`);
});
