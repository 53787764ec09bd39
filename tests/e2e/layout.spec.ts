import { writeFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { importThroughChooser, menu, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { landmarks, measureLayout } from '../helpers/layout';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];

/** The parts of the frame that must stay where they are when a message comes or a TIFF joins the project. */
const FRAME = {
  header: '.app-header',
  menus: 'nav[aria-label="Menus"]',
  rail: '[role="toolbar"][aria-label="Tools"]',
  canvas: '[data-testid="stage"]',
  side: 'aside[aria-label="Run and image details"]',
  detect: 'section.run-panel button.primary',
  tabs: '[role="tablist"][aria-label="Image details"]',
};

/** Fails with every control out of the window, cut off or overlapping another, after a screenshot of the screen. */
async function checkScreen(page: Page, screen: string, size: { width: number; height: number }): Promise<void> {
  const shot = test.info().outputPath(`${screen}-${size.width}x${size.height}.png`);
  await page.screenshot({ path: shot });
  await test.info().attach(`${screen} at ${size.width}×${size.height}`, { path: shot, contentType: 'image/png' });
  const report = await measureLayout(page);
  console.log(`layout ${size.width}x${size.height} ${screen}: ${report.controls.length} visible controls measured`);
  expect(report.controls.length, `${screen}: controls found`).toBeGreaterThan(5);
  expect(report.pageOverflow, `${screen}: the page scrolls`).toBeNull();
  expect(report.outside, `${screen}: controls outside the window`).toEqual([]);
  expect(report.overlaps, `${screen}: overlapping controls`).toEqual([]);
}

for (const size of SIZES) {
  test(`layout at ${size.width}×${size.height}: empty, gallery with a TIFF, editor, a long backup message and an open dialog; nothing overlaps or moves`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
    await checkScreen(page, 'empty', size);

    // A project with a GeoTIFF and a photo; the photo open with the model's boxes.
    await importThroughChooser(page, [fixturePath('mosaic-utm32n.tif'), fixturePath('camera.png')]);
    await page.getByRole('button', { name: /mosaic-utm32n\.tif/ }).click();
    await expect(page.getByRole('region', { name: 'Viewer' }).getByRole('img', { name: 'mosaic-utm32n.tif' })).toBeVisible();
    const before = await landmarks(page, FRAME);
    // An 8-bit TIFF asks for no 16-bit stretch: no row of controls appears for it anywhere.
    await expect(page.getByRole('form', { name: '16-bit stretch' })).toHaveCount(0);
    await checkScreen(page, 'tiff', size);

    await page.getByRole('button', { name: /camera\.png/ }).click();
    await page.keyboard.press('r');
    await showTab(page, 'Model output');
    await expect(page.getByTestId('result-source')).toContainText('Computed now');
    await page.getByTestId('stage').click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('Enter'); // the detections become suggestions: the editor with boxes
    await expect(page.getByTestId('thumb-pending')).toBeVisible(); // the gallery has counted them
    await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first()).toBeVisible();
    await checkScreen(page, 'editor', size);
    // The record is on screen without scrolling, under a slim header.
    await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem').first()).toBeInViewport({ ratio: 1 });
    expect(before.header!.h).toBeLessThanOrEqual(48);

    // A restore refused with a long reason: the message floats over the canvas, the frame stays where it was.
    const bad = test.info().outputPath(`a-backup-with-a-rather-long-file-name-from-the-evidence-share-${'x'.repeat(60)}.zip`);
    await writeFile(bad, 'this is not a zip file at all, and the message about it names it in full');
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'Project', 'Restore backup…');
    await (await chooser).setFiles(bad);
    await expect(page.getByTestId('backup-message')).toContainText('a-backup-with-a-rather-long-file-name');
    expect(await landmarks(page, FRAME)).toEqual(before);
    await checkScreen(page, 'backup-message', size);

    // A dialog over it all: modal, its controls inside the window, its buttons in view.
    await menu(page, 'Export', 'Export dataset…');
    const dialog = page.getByRole('dialog', { name: 'Export dataset' });
    await expect(dialog.getByRole('button', { name: 'Export zip' })).toBeInViewport();
    await checkScreen(page, 'export-dialog', size);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    expect(await landmarks(page, FRAME)).toEqual(before);
  });
}
