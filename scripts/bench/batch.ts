// Batch throughput through the real app: *Detect all* over generated images with one inference worker against
// the automatic number (one per core), alternating, each in a fresh profile; the per-image results of every
// run are compared with the one-worker run's, exactly.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { chromiumArgs, chromiumPath } from '../../tests/helpers/chromium';
import { startPreview } from './preview';
import { emit, fixture, median } from './report';
import { storedResults } from './stored';
import { importImages, openRunSettings } from './ui';

const PORT = 4347;
const IMAGES = Number(process.env.BENCH_BATCH_IMAGES ?? 20);
const ROUNDS = Number(process.env.BENCH_BATCH_ROUNDS ?? 3);
const SOURCES = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];

/** `count` different PNGs (the fixtures, each copy with one pixel changed, so every file is new bytes). */
export function batchImages(count: number, prefix = 'batch'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-batch-'));
  const decoded = SOURCES.map((name) => {
    const bytes = readFileSync(fixture(name));
    if (name.endsWith('.jpg')) {
      const { data, width, height } = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
      return { data: Buffer.from(data), width, height };
    }
    const png = PNG.sync.read(bytes);
    return { data: png.data, width: png.width, height: png.height };
  });
  return Array.from({ length: count }, (_, n) => {
    const { data, width, height } = decoded[n % decoded.length]!;
    const png = new PNG({ width, height });
    data.copy(png.data);
    // The first pixel carries the number and the second the set, both opaque as in a photo: new bytes every time.
    png.data.writeUInt32BE(((n & 0xffffff) * 256 + 255) >>> 0, 0);
    png.data.writeUInt32BE(((([...prefix].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) & 0xffffff) * 256) + 255) >>> 0, 4);
    const path = join(dir, `${prefix}-${String(n).padStart(3, '0')}.png`);
    writeFileSync(path, PNG.sync.write(png));
    return path;
  });
}

export type Found = Record<string, unknown>;

/** Every cached result of the open (default) project, by image hash: detections exactly as stored. */
export async function storedDetections(page: Page): Promise<Found> {
  return Object.fromEntries((await storedResults(page)).map((p) => [p.imageSha256, p.detections]));
}

async function detectAll(page: Page, files: string[]): Promise<number> {
  await importImages(page, files);
  await page.getByText(`Imported ${files.length} images`).waitFor({ timeout: 300_000 });
  const started = Date.now();
  await page.getByRole('button', { name: 'Detect all' }).click();
  const progress = page.getByRole('group', { name: 'Detecting progress' });
  await progress.waitFor({ timeout: 60_000 }).catch(() => undefined); // a fast batch may be over already
  await progress.waitFor({ state: 'detached', timeout: 600_000 });
  return Date.now() - started;
}

/** One fresh profile with `workers` (and `threads`): a warm-up batch (starts the lanes), then the measured one. */
async function run(browser: Browser, url: string, workers: string, warmup: string[], measured: string[], threads = 'auto') {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.getByTestId('engine-status').filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
    const status = page.getByTestId('engine-status');
    await openRunSettings(page);
    if (threads !== 'auto') await page.getByLabel('WASM threads').selectOption(threads);
    await status.filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
    if (workers !== 'auto') await page.getByLabel('Workers').selectOption(workers);
    await status.filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
    await detectAll(page, warmup);
    const ms = await detectAll(page, measured);
    const stored = await storedResults(page);
    const found: Found = Object.fromEntries(stored.map((p) => [p.imageSha256, p.detections]));
    return { ms, status: await status.innerText(), found, modelMs: median(stored.map((p) => p.inferenceMs ?? 0)) };
  } finally {
    await context.close();
  }
}

export async function benchBatch(): Promise<void> {
  const warmup = batchImages(2, 'warmup');
  const measured = batchImages(IMAGES);
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const load = loadavg()[0]!;
    const runs: Record<'oneThread' | 'oneWorker' | 'workers', { ms: number; modelMs: number }[]> = { oneThread: [], oneWorker: [], workers: [] };
    let reference: Found | undefined;
    const differences: string[] = []; // run and image whose stored detections differ from the first run's
    let status = '';
    for (let round = 0; round < ROUNDS; round++) {
      // Today's one worker before this change ran one WASM thread; with threads it uses every core on one image.
      for (const [kind, workers, threads] of [['oneThread', '1', '1'], ['oneWorker', '1', 'auto'], ['workers', 'auto', 'auto']] as const) {
        const result = await run(browser, server.url, workers, warmup, measured, threads);
        runs[kind].push({ ms: result.ms, modelMs: result.modelMs });
        if (kind === 'workers') status = result.status;
        reference ??= result.found;
        for (const [sha, detections] of Object.entries(reference)) {
          if (JSON.stringify(result.found[sha]) !== JSON.stringify(detections)) differences.push(`round ${round + 1} ${kind}: ${sha.slice(0, 12)}`);
        }
      }
    }
    const ms = (kind: keyof typeof runs) => median(runs[kind].map((r) => r.ms));
    const perSecond = (kind: keyof typeof runs) => IMAGES / (ms(kind) / 1000);
    const modelMs = (kind: keyof typeof runs) => median(runs[kind].map((r) => r.modelMs));
    const workers = Number(/batches on (\d+) workers/.exec(status)?.[1] ?? 1);
    emit({
      name: 'browser.batch_workers_speedup',
      backend: 'wasm',
      model: 'coco-centernet',
      figures: {
        images: IMAGES,
        workers,
        oneWorkerOneThreadImagesPerSecond: perSecond('oneThread'),
        oneWorkerImagesPerSecond: perSecond('oneWorker'),
        workersImagesPerSecond: perSecond('workers'),
        modelMsPerImage: { oneThread: modelMs('oneThread'), oneWorker: modelMs('oneWorker'), workers: modelMs('workers') },
        runsMs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((r) => r.ms)])),
        loadAverage: load,
      },
      ratio: ms('oneThread') / ms('workers'),
      ratioVsThreadedWorker: ms('oneWorker') / ms('workers'),
      identical: differences.length === 0,
      ...(differences.length ? { differences } : {}),
      note: 'Detect all, click to last result, median of alternating fresh-profile runs after a 2-image warm-up batch; ratio: workers against one worker with one WASM thread (before this change); identical: every run stored exactly the detections of the first run',
    });
    emit({
      name: 'browser.wasm_threads_speedup',
      backend: 'wasm',
      figures: { threads: Number(/(\d+) threads?/.exec(status)?.[1] ?? 1), oneThreadImagesPerSecond: perSecond('oneThread'), threadedImagesPerSecond: perSecond('oneWorker'), loadAverage: load },
      ratio: ms('oneThread') / ms('oneWorker'),
      note: 'one inference worker, Detect all: the threaded build with one thread per core against the single-threaded build',
    });
  } finally {
    await browser.close();
    server.stop();
  }
}
