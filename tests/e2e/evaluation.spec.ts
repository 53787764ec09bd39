import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { detectOnCamera, menu, openRunSettings, showTab } from '../helpers/app';
import { drag, screenOf } from '../helpers/stage';
import { workbench } from '../helpers/workbench';

async function saved(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await click();
  return readFile((await (await download).path())!);
}

test('evaluate the bundled detector on reviewed images: table, both charts, the missed cell opens the image with its missed box marked; the CLI gives the same numbers', async ({ page }) => {
  await page.goto('/');
  await detectOnCamera(page); // camera.png and horse.png; CenterNet on camera (person 0.59, car 0.21); Min score 0.2
  await page.locator('body').click({ position: { x: 2, y: 2 } }); // keys to the app, not the slider
  const items = page.getByRole('list', { name: 'Annotations' }).getByRole('listitem');

  // camera.png: accept the person, reject the car, draw a person the model did not see; mark reviewed.
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(items.nth(0)).toContainText(/person .*accepted/);
  await page.keyboard.press('Delete');
  await expect(items.nth(1)).toContainText(/car .*rejected/);
  await page.keyboard.press('n');
  await drag(page, await screenOf(page, 512, 400, 300), await screenOf(page, 512, 480, 400));
  await page.keyboard.press('Enter'); // the picker's first label
  await expect(items).toHaveCount(3);
  await expect(page.getByTestId('box-label')).toHaveText('person');
  const drawn = (await page.locator('svg.overlay g[data-selected]').getAttribute('data-box'))!.split(',').map(Number);
  await page.keyboard.press('Shift+Enter');

  // horse.png: detect, accept the horse, mark reviewed.
  await expect(page.getByRole('heading', { name: 'horse.png' })).toBeVisible();
  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByTestId('result-source')).toContainText('Computed now');
  await page.getByTestId('stage').click({ position: { x: 4, y: 4 } }); // the keys to the canvas, not the tab
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(items.nth(0)).toContainText(/horse .*accepted/);
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByTestId('review-status')).toHaveText('Image reviewed');

  // Evaluate the cached CenterNet run at the shown threshold.
  await menu(page, 'Analyse', 'Evaluate…');
  const dialog = page.getByRole('dialog', { name: 'Evaluate a model against reviewed annotations' });
  await expect(dialog.getByText('Whole project: 2 reviewed of 2')).toBeVisible();
  await expect(dialog.getByLabel('Run to evaluate')).toContainText('CenterNet');
  await expect(dialog.getByLabel('Score threshold')).toHaveValue('0.2');
  await dialog.getByRole('button', { name: 'Evaluate', exact: true }).click();
  await expect(dialog.getByTestId('evaluation-summary')).toHaveText('Evaluated 2 reviewed images.');

  const table = dialog.getByRole('table', { name: 'Per-class figures' });
  const row = (label: string) => table.locator(`tr[data-class="${label}"]`).locator('td');
  // Class, truth, dets, AP, AP50, AP75, precision, recall, F1, TP, FP, FN: person 1 of 2 found, horse found, one car false alarm.
  await expect(row('person').nth(0)).toHaveText('2');
  await expect(row('person').nth(5)).toHaveText('1.000'); // precision
  await expect(row('person').nth(6)).toHaveText('0.500'); // recall
  await expect(row('person').nth(10)).toHaveText('1'); // FN
  await expect(row('horse').nth(9)).toHaveText('0'); // FN
  await expect(row('car').nth(9)).toHaveText('1'); // FP
  await expect(row('car').nth(2)).toHaveText('—'); // no truth, no AP
  await expect(dialog.getByRole('table', { name: 'COCO figures' })).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Precision–recall curves' })).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Precision–recall curves' }).locator('polyline[data-class="person"]')).toHaveCount(1);
  await expect(dialog.getByRole('group', { name: 'Confusion matrix' })).toBeVisible();

  // Charts leave as SVG (what is drawn, dark background included) and as PNG at twice the size.
  const svg = (await saved(page, () => dialog.getByRole('button', { name: 'Save Confusion matrix as SVG' }).click())).toString('utf8');
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain('Confusion at IoU 0.50, score ≥ 0.20');
  expect(svg).toContain('fill="#1e2229"');
  const png = await saved(page, () => dialog.getByRole('button', { name: 'Save Precision–recall curves as PNG' }).click());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect(png.readUInt32BE(16)).toBe(880); // IHDR width: the 440-unit chart at twice the size

  // The same numbers from the command line, on the files the app hands out.
  const report = JSON.parse((await saved(page, () => dialog.getByRole('button', { name: 'Download report (JSON)' }).click())).toString('utf8'));
  const zip = unzipSync(new Uint8Array(await saved(page, () => dialog.getByRole('button', { name: 'Download COCO files (zip)' }).click())));
  const dir = await mkdtemp(join(tmpdir(), 'e2e-evaluation-'));
  try {
    await writeFile(join(dir, 'gt.json'), zip['ground-truth.json']!);
    await writeFile(join(dir, 'pred.json'), zip['predictions.json']!);
    const cli = await workbench('evaluate', '--gt', join(dir, 'gt.json'), '--pred', join(dir, 'pred.json'), '--threshold', '0.2', '--json');
    expect(cli.stderr).toBe('');
    expect({ ...JSON.parse(cli.stdout), groundTruth: report.groundTruth, predictions: report.predictions }).toEqual(report);
    expect(report.perClass.person).toMatchObject({ truths: 2, tp: 1, fn: 1 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // The "missed" cell of person: the gallery shows camera.png alone, with the drawn person marked as missed.
  await dialog.getByRole('button', { name: /^person missed: 1 box on 1 image/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('gallery-image-set')).toContainText('person: missed (1 image)');
  await expect(page.getByRole('heading', { name: 'camera.png' })).toBeVisible();
  const missed = page.locator('svg.eval-overlay g[data-eval="missed"][data-label="person"]');
  await expect(missed).toHaveCount(1);
  const box = (await missed.getAttribute('data-box'))!.split(',').map(Number);
  box.forEach((v, i) => expect(Math.abs(v - drawn[i]!)).toBeLessThan(0.01));
  await expect(page.locator('svg.eval-overlay g[data-eval="tp"][data-label="person"]')).toHaveCount(1);
  await expect(page.locator('svg.eval-overlay g[data-eval="fp"][data-label="car"]')).toHaveCount(1);

  // K hides the marks; E brings the report back as it was.
  await page.keyboard.press('k');
  await expect(missed).toHaveCount(0);
  await page.keyboard.press('e');
  await expect(dialog.getByRole('table', { name: 'Per-class figures' })).toBeVisible();

  // A point of the person curve: its score becomes the threshold, and the gallery shows that class's errors there.
  await dialog.getByRole('button', { name: /^person: recall 0\.50, precision 1\.00 at score ≥ 0\.59$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('gallery-image-set')).toContainText('person: errors at score ≥ 0.59 (1 image)');
  await expect(page.getByText('Evaluation at IoU 0.50, score ≥ 0.59:')).toBeVisible();
  await expect(missed).toHaveCount(1);
  await expect(page.locator('svg.eval-overlay g[data-eval="fp"]')).toHaveCount(0); // the car's 0.21 is below 0.59 now

  // A run made for the purpose (whole-image runs are another cached setting), compared with the first.
  await openRunSettings(page);
  await page.getByLabel('Tiling').selectOption('whole');
  await menu(page, 'Analyse', 'Evaluate…');
  await dialog.getByRole('button', { name: /^Run CenterNet.* on the 2 reviewed images it has not seen, then evaluate$/ }).click();
  await expect(dialog.getByTestId('evaluation-summary')).toHaveText('Evaluated 2 reviewed images.');
  await expect(dialog.getByLabel('Run to evaluate').locator('option:checked')).toContainText('tiling whole');
  const first = await dialog.getByLabel('Run to compare with').locator('option', { hasText: 'tiling auto' }).getAttribute('value');
  await dialog.getByLabel('Run to compare with').selectOption(first!);
  await dialog.getByRole('button', { name: 'Evaluate', exact: true }).click();
  const comparison = dialog.getByRole('table', { name: 'Per-class comparison' });
  // A 512-pixel image is not tiled in either setting: the same boxes, no difference.
  await expect(comparison.locator('tr[data-class="person"] td').first()).toHaveText('0.5050.5050.000');
  await expect(dialog.getByRole('table', { name: 'COCO figures' }).locator('tr[data-figure="AP"] td')).toHaveText(['0.752', '0.752', '0.000']);
});
