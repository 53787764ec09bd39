// Projects at scale in headless Chromium through the real app: a 10,000-image, 100,000-annotation project is
// restored from a generated backup through the UI, then: time to first gallery paint, scroll frame times,
// and import throughput for 1,000 generated images.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { Annotation } from '../../src/domain/annotation';
import { appendEntry, type AuditEntry } from '../../src/domain/audit';
import { writeBundle } from '../../src/domain/backup';
import { sha256Hex } from '../../src/domain/hash';
import type { ImageRecord } from '../../src/domain/image';
import { SCHEMA_VERSION } from '../../src/storage/db';
import { chromiumArgs, chromiumPath } from '../../tests/helpers/chromium';
import { outDirArgs, startPreview } from './preview';
import { emit, median, repoRoot } from './report';
import { menu } from './ui';

const PORT = 4343;
const IMAGES = 10_000;
const PER_IMAGE = 10;
const IMPORTED = 1_000;
const LABELS = ['person', 'car', 'truck', 'boat', 'dog', 'cat', 'bicycle', 'bus', 'bird', 'horse', 'bench', 'chair'];

function tinyPng(n: number): Uint8Array {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < 256; i++) {
    png.data[i * 4] = (n * 37 + i) & 255;
    png.data[i * 4 + 1] = (n >> 8) & 255;
    png.data[i * 4 + 2] = n & 255;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** A project as the app would back it up: records, thumbnails, originals, suggestions and their audit chain. */
async function generatedBundle(): Promise<string> {
  const images: ImageRecord[] = [];
  const blobs = new Map<string, Uint8Array>();
  const annotations: Annotation[] = [];
  const audit: AuditEntry[] = [];
  for (let n = 0; n < IMAGES; n++) {
    const bytes = tinyPng(n);
    const sha256 = await sha256Hex(bytes);
    blobs.set(sha256, bytes);
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
    images.push({ sha256, fileName: `flight-12/IMG_${String(n).padStart(5, '0')}.png`, type: 'image/png', width: 16, height: 16, bytes: bytes.length, importedAt: at, ...(n % 3 === 0 ? { review: 'reviewed' as const } : {}) });
    const after: Annotation[] = Array.from({ length: PER_IMAGE }, (_, k) => ({
      id: `a-${n}-${k}`,
      imageSha256: sha256,
      shape: { kind: 'bbox', box: { x: k, y: k, w: 4, h: 4 } },
      label: LABELS[(n + k * 7) % LABELS.length]!,
      score: ((n * 13 + k * 29) % 100) / 100,
      source: 'model:coco-centernet@bench',
      status: 'suggested',
      createdAt: at,
      updatedAt: at,
    }));
    annotations.push(...after);
    audit.push(await appendEntry(audit.at(-1), { action: 'suggest', imageSha256: sha256, actor: 'model:coco-centernet@bench', at, before: [], after }));
  }
  const zip = await writeBundle(
    { images, annotations, predictions: [], audit, labels: LABELS, blobs, thumbnails: blobs, previews: new Map() },
    { projectName: 'Bench 10k', schemaVersion: SCHEMA_VERSION, created: new Date().toISOString() },
  );
  const path = join(mkdtempSync(join(tmpdir(), 'projects-bench-')), 'bench-10k.workbench.zip');
  writeFileSync(path, zip);
  return path;
}

function importFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'projects-bench-import-'));
  const width = 320;
  const height = 240;
  for (let n = 0; n < IMPORTED; n++) {
    const data = Buffer.alloc(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      data[i * 4] = (i + n) & 255;
      data[i * 4 + 1] = ((i >> 8) * 3 + n * 7) & 255;
      data[i * 4 + 2] = (n * 11) & 255;
      data[i * 4 + 3] = 255;
    }
    data.writeUInt32BE(n, 0); // the first pixel carries the number: every image is different bytes
    data.fill(n & 255, width * 4 * 8, width * 4 * 16); // and stripes that survive JPEG's rounding
    data.fill((n >> 8) * 60, width * 4 * 16, width * 4 * 24);
    writeFileSync(join(dir, `frame-${String(n).padStart(4, '0')}.jpg`), jpeg.encode({ data, width, height }, 80).data);
  }
  mkdirSync(join(dir, 'empty-sub'), { recursive: true });
  return dir;
}

/** From navigation start to the first thumbnail of the gallery decoded on screen. */
async function firstPaintMs(page: Page): Promise<number> {
  await page.reload();
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.gallery-grid img')].some((img) => img.complete && img.naturalWidth > 0), null, { timeout: 120_000 });
  return page.evaluate(() => performance.now());
}

/**
 * Scrolls the gallery 300 px per frame for 240 frames and returns the gaps between frames. Passed as text:
 * tsx would otherwise wrap the inner function in a helper the page does not have.
 */
function scrollFrames(page: Page): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchLongTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
    const scroller = document.querySelector('[data-testid="gallery-scroll"]');
    const gaps = [];
    let last = performance.now();
    requestAnimationFrame(function step(now) {
      gaps.push(now - last);
      last = now;
      scroller.scrollTop += 300;
      if (gaps.length < 240) requestAnimationFrame(step);
      else resolve(gaps.slice(1));
    });
  })`);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export async function benchGallery(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', ...outDirArgs()], { cwd: repoRoot, stdio: 'inherit' });
  let started = Date.now();
  const bundle = await generatedBundle();
  const generateMs = Date.now() - started;
  const folder = importFolder();
  const preview = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(preview.url);
    await page.getByRole('navigation', { name: 'Menus' }).waitFor();
    started = Date.now();
    await page.getByTestId('restore-input').setInputFiles(bundle);
    await page.getByTestId('backup-message').filter({ hasText: 'Restored' }).waitFor({ timeout: 600_000 });
    const restoreMs = Date.now() - started;
    await page.getByTestId('gallery-count').filter({ hasText: `${IMAGES} images` }).waitFor({ timeout: 120_000 });

    const paints: number[] = [];
    for (let i = 0; i < 3; i++) paints.push(await firstPaintMs(page));
    await page.getByTestId('gallery-count').filter({ hasText: `${IMAGES} images` }).waitFor();
    emit({
      name: 'gallery.first-paint',
      figures: { images: IMAGES, annotations: IMAGES * PER_IMAGE, firstPaintMs: median(paints), runsMs: paints, goalMs: 2000, restoreMs, generateBundleMs: generateMs },
    });

    await page.waitForTimeout(1000); // let the first screen's thumbnails settle
    const gaps = await scrollFrames(page);
    const longTasks = await page.evaluate(() => (window as unknown as { benchLongTasks: number[] }).benchLongTasks);
    emit({ name: 'gallery.scroll', figures: { frames: gaps.length, medianMs: median(gaps), p95Ms: percentile(gaps, 0.95), maxMs: Math.max(...gaps), longTasksMs: longTasks } });

    // Import into a new, empty project, through the folder picker as a person would.
    await menu(page, 'Project', 'New project…');
    await page.getByRole('dialog', { name: 'New project' }).getByRole('textbox', { name: 'Name' }).fill('Bench import');
    await page.getByRole('dialog', { name: 'New project' }).getByRole('button', { name: 'Create' }).click();
    await page.getByText('No images yet.').waitFor();
    started = Date.now();
    await page.getByTestId('folder-input').setInputFiles(folder);
    const summary = page.getByRole('status').filter({ hasText: /^Imported \d+ images/ });
    await summary.waitFor({ timeout: 600_000 });
    const importMs = Date.now() - started;
    const added = Number(/^Imported (\d+)/.exec(await summary.innerText())?.[1]);
    emit({ name: 'gallery.import', figures: { files: IMPORTED, added, seconds: importMs / 1000, imagesPerSecond: added / (importMs / 1000), size: '320x240 JPEG' } });
  } finally {
    await browser.close();
    preview.stop();
  }
}
