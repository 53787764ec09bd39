// The app's worker and the CLI run images through one pipeline (src/ml/pipeline.ts): the same files must give the
// same tiling decision, the same labels and the same boxes, whichever side ran them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { importThroughChooser, openRunSettings, showTab } from '../helpers/app';
import { fixturePath } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

interface Found {
  label: string;
  score: number;
  box: { x: number; y: number; w: number; h: number };
}

const FILES = ['astronaut.png', 'mosaic-utm32n.tif']; // 512² runs whole; 2048² is tiled (auto)
/** Boxes compared: the app's default Min score, with a margin so a box just at it on one side is still found on the other. */
const SHOWN = 0.25;
const MATCHED = 0.2;

function iou(a: Found['box'], b: Found['box']): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  return (ix * iy) / (a.w * a.h + b.w * b.h - ix * iy);
}

/** Every box of `from` at SHOWN or more has its twin in `to`: same label, IoU at least 0.99. */
function unmatched(from: readonly Found[], to: readonly Found[]): string[] {
  return from
    .filter((d) => d.score >= SHOWN)
    .filter((d) => !to.some((o) => o.label === d.label && o.score >= MATCHED && iou(o.box, d.box) >= 0.99))
    .map((d) => `${d.label} ${d.score.toFixed(2)} at ${Object.values(d.box).map(Math.round).join(',')}`);
}

/** What the app's worker recorded per file: its detections and tile count (read from the project's IndexedDB). */
async function appResults(page: Page): Promise<Record<string, { tiles: number; detections: Found[] }>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('recognition-workbench');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const images = await all<{ sha256: string; fileName: string }>('images');
    const predictions = await all<{ imageSha256: string; tiles?: number; detections: Found[] }>('predictions');
    db.close();
    const name = new Map(images.map((i) => [i.sha256, i.fileName]));
    return Object.fromEntries(predictions.map((p) => [name.get(p.imageSha256)!, { tiles: p.tiles ?? 0, detections: p.detections }]));
  });
}

interface CocoRun {
  images: { id: number; file_name: string; tiles?: number }[];
  annotations: { image_id: number; category_id: number; bbox: [number, number, number, number]; score: number }[];
  categories: { id: number; name: string }[];
}

/** The CLI's detections per file name. */
function cliResults(coco: CocoRun): Record<string, Found[]> {
  const category = new Map(coco.categories.map((c) => [c.id, c.name]));
  return Object.fromEntries(
    coco.images.map((image) => [
      basename(image.file_name),
      coco.annotations
        .filter((a) => a.image_id === image.id)
        .map((a) => ({ label: category.get(a.category_id)!, score: a.score, box: { x: a.bbox[0], y: a.bbox[1], w: a.bbox[2], h: a.bbox[3] } })),
    ]),
  );
}

test('the app and the CLI make the same tiling decision and find the same labels and boxes on the same files', async ({ page }) => {
  await page.goto('/');
  await importThroughChooser(page, FILES.map(fixturePath));
  for (const file of FILES) {
    await page.getByRole('button', { name: new RegExp(file.replace('.', '\\.')) }).click();
    await page.keyboard.press('r');
    await showTab(page, 'Model output');
    await expect(page.getByTestId('result-source')).toContainText('Computed now', { timeout: 120_000 });
  }
  const app = await appResults(page);

  const run = await workbench('detect', ...FILES.map(fixturePath), '--model', 'coco-centernet', '--threshold', '0.05');
  expect(run.code, run.stderr).toBe(0);
  const coco = JSON.parse(run.stdout) as CocoRun;
  const found = cliResults(coco);

  for (const file of FILES) {
    const image = coco.images.find((i) => i.file_name.endsWith(file))!;
    const cli = found[file]!;
    const ours = app[file]!;
    expect(ours.tiles, `${file}: tiles`).toBe(image.tiles ?? 0);
    expect(cli.filter((d) => d.score >= SHOWN).length, `${file}: boxes to compare`).toBeGreaterThan(0);
    expect(unmatched(ours.detections, cli), `${file}: app boxes the CLI did not find`).toEqual([]);
    expect(unmatched(cli, ours.detections), `${file}: CLI boxes the app did not find`).toEqual([]);
  }
  expect(app['astronaut.png']!.tiles).toBe(0);
  expect(app['mosaic-utm32n.tif']!.tiles).toBe(25);
});

/** `count` opaque 512² PNGs, the astronaut and the camera in turn, each with its own first pixel (new bytes). */
function sameSizeImages(count: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-same-size-'));
  const sources = ['astronaut.png', 'camera.png'].map((name) => PNG.sync.read(readFileSync(fixturePath(name))));
  return Array.from({ length: count }, (_, n) => {
    const source = sources[n % 2]!;
    const png = new PNG({ width: source.width, height: source.height });
    source.data.copy(png.data);
    png.data.writeUInt32BE(((n + 1) * 256 + 255) >>> 0, 0);
    const path = join(dir, `same-size-${n}.png`);
    writeFileSync(path, PNG.sync.write(png));
    return path;
  });
}

test('Detect all over many images of one size, their pixel memory reused image after image, finds in each what the CLI finds', async ({ page }) => {
  test.setTimeout(300_000);
  // More images than a batch has under way at once (five on one worker), so later ones are read into the memory of
  // earlier ones; the astronaut and the camera in turn, so an image given another's pixels would show. The horse
  // has transparent pixels and takes the canvas path.
  const files = [...sameSizeImages(9), fixturePath('horse.png')];
  await page.goto('/');
  const status = page.getByTestId('engine-status');
  await expect(status).toHaveText(/Running on wasm/);
  await openRunSettings(page);
  await page.getByRole('group', { name: 'Run settings' }).getByRole('combobox', { name: 'Workers' }).selectOption('1');
  await expect(status).not.toContainText('batches on');
  await importThroughChooser(page, files);
  await page.getByRole('button', { name: 'Detect all' }).click();
  const progress = page.getByRole('group', { name: 'Detecting progress' });
  await expect(progress).toContainText(`/ ${files.length}`);
  await expect(progress).toBeHidden({ timeout: 200_000 });
  const app = await appResults(page);

  const run = await workbench('detect', ...files, '--model', 'coco-centernet', '--threshold', '0.05');
  expect(run.code, run.stderr).toBe(0);
  const cli = cliResults(JSON.parse(run.stdout) as CocoRun);
  for (const file of files.map((f) => basename(f))) {
    const ours = app[file]!;
    expect(ours, `${file}: stored by the app`).toBeDefined();
    expect(cli[file]!.filter((d) => d.score >= SHOWN).length, `${file}: boxes to compare`).toBeGreaterThan(0);
    expect(unmatched(ours.detections, cli[file]!), `${file}: app boxes the CLI did not find`).toEqual([]);
    expect(unmatched(cli[file]!, ours.detections), `${file}: CLI boxes the app did not find`).toEqual([]);
  }
});
