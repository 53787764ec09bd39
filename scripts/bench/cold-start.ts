// Cold start through the real app: from navigation to the model ready and to the first box, on a fresh profile
// (nothing cached: every script, WASM binary and weight fetched) and again with everything cached (service
// worker precache, IndexedDB holding the image), plus the size of what the inference worker loads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../tests/helpers/chromium';
import { startPreview } from './preview';
import { emit, fixture, median, repoRoot } from './report';
import { importImages } from './ui';

const PORT = 4351;
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);

const sinceNavigation = (page: Page) => page.evaluate(() => performance.now());

async function waitReady(page: Page): Promise<number> {
  await page.getByTestId('engine-status').filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
  return sinceNavigation(page);
}

async function firstBox(page: Page, image: string): Promise<number> {
  await page.getByRole('button', { name: new RegExp(image.replace('.', '\\.')) }).click();
  await page.keyboard.press('r');
  await page.locator('svg.overlay g[data-label]').first().waitFor({ timeout: 300_000 });
  return sinceNavigation(page);
}

/** Fresh profile: navigation → model ready, import one image, navigation → first box; then reload with all cached. */
async function once(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    const freshReadyMs = await waitReady(page);
    await importImages(page, [fixture('astronaut.png'), fixture('camera.png')]);
    await page.getByText('Imported 2 images').waitFor();
    const freshFirstBoxMs = await firstBox(page, 'astronaut.png');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.getByTestId('offline-models').filter({ hasText: /^Offline-ready: (\d+)\/\1 models$/ }).waitFor({ timeout: 300_000 });
    await page.reload();
    const cachedReadyMs = await waitReady(page);
    const cachedFirstBoxMs = await firstBox(page, 'camera.png'); // not detected before: a real inference
    return { freshReadyMs, freshFirstBoxMs, cachedReadyMs, cachedFirstBoxMs };
  } finally {
    await context.close();
  }
}

/** The inference worker's own script(s) and the WASM binary it starts with, as built in dist/assets. */
export function workerBundleFigures(outDir = process.env.BUILD_OUT_DIR ?? join(repoRoot, 'dist')) {
  const assets = join(outDir, 'assets');
  const files = readdirSync(assets);
  const size = (name: string) => statSync(join(assets, name)).size;
  const gzip = (name: string) => gzipSync(readFileSync(join(assets, name))).length;
  const entry = files.find((f) => /^worker-[\w-]{8}\.js$/.test(f)); // the inference worker, not worker-training-…
  const tfChunks = files.filter((f) => /^(tfjs|tf-|backend-|webgl|webgpu)[\w-]*\.js$/.test(f));
  return {
    entry,
    entryBytes: entry ? size(entry) : 0,
    entryGzipBytes: entry ? gzip(entry) : 0,
    lazyChunks: Object.fromEntries(tfChunks.map((f) => [f, size(f)])),
  };
}

export async function benchColdStart(): Promise<void> {
  const bundle = workerBundleFigures();
  emit({ name: 'browser.worker_bundle', backend: 'none', figures: { bytes: bundle.entryBytes, gzipBytes: bundle.entryGzipBytes }, entry: bundle.entry, lazy: bundle.lazyChunks });
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const runs: Awaited<ReturnType<typeof once>>[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once(browser, server.url));
    const pick = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
    emit({
      name: 'browser.cold_start',
      backend: 'wasm',
      figures: {
        freshReadyMs: pick('freshReadyMs'),
        freshFirstBoxMs: pick('freshFirstBoxMs'),
        cachedReadyMs: pick('cachedReadyMs'),
        cachedFirstBoxMs: pick('cachedFirstBoxMs'),
        runs: RUNS,
      },
      note: 'ms from navigation (performance.now() in the page); fresh = new profile, nothing cached; cached = reload after the service worker holds everything; first box includes importing the image (fresh) and one CenterNet inference',
    });
  } finally {
    await browser.close();
    server.stop();
  }
}


