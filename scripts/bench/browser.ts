// Chromium figures through the real app (vite preview, real worker, real IndexedDB): per backend, forced in the UI.
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../tests/helpers/chromium';
import { basename } from 'node:path';
import { batchImages } from './batch';
import { benchBatchPipeline, stageMedians } from './pipeline';
import { storedResults } from './stored';
import { startPreview } from './preview';
import { emit, fixture, median } from './report';
import { importImages, openRunSettings, showTab } from './ui';

const PORT = 4329;
const IMAGES = ['astronaut.png', 'rocket.jpg', 'camera.png', 'horse.png'];
/** More images timed one at a time than the fixtures alone, so the median is not of three. */
const MORE_TIMED = Number(process.env.BENCH_SINGLE_EXTRA ?? 8);

export interface BackendFigures {
  steadyMedianMs: number;
  modelMs: number;
  parity: string;
}


/** Whole pipeline (decode, preprocess, infer, boxes, cache write) and the model's own part, as the result panel says. */
const timesOf = async (page: Page) => {
  const text = await page.getByTestId('result-source').innerText();
  const match = / (\d+) ms \(model (\d+) ms\)/.exec(text);
  return { pipeline: Number(match?.[1]), model: Number(match?.[2]) };
};

/** One backend forced in a fresh profile: prepare (parity check included), then each image detected with R. */
export async function benchBackend(browser: Browser, url: string, backend: string, wasmThreads: 'auto' | '1' = 'auto', images = IMAGES, prefix = 'browser'): Promise<BackendFigures | undefined> {
  const context = await browser.newContext(); // fresh profile: empty IndexedDB, nothing cached
  const page = await context.newPage();
  try {
    await page.goto(url);
    // Long main-thread tasks (> 50 ms) during the whole session: inference must not block the page.
    await page.evaluate(() => {
      const longTasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = longTasks;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.getByTestId('engine-status').filter({ hasText: /Running on|error/i }).waitFor({ timeout: 120_000 });
    await openRunSettings(page);
    if (wasmThreads !== 'auto') await page.getByLabel('WASM threads').selectOption(wasmThreads); // waits while disabled
    const started = Date.now();
    await page.getByLabel('Backend').selectOption(backend);
    const status = page.getByTestId('engine-status');
    await status.filter({ hasText: new RegExp(`Running on ${backend} \\(forced\\)|error`, 'i') }).waitFor({ timeout: 300_000 });
    const prepareMs = Date.now() - started;
    if (!(await status.innerText()).includes(backend)) {
      emit({ name: `${prefix}.backend`, backend, figures: {}, error: await page.getByRole('alert').first().innerText() });
      return undefined;
    }
    const details = page.locator('.backend-details');
    const parity = (await details.count()) ? await details.innerText() : '';
    const files = [...images.map(fixture), ...batchImages(MORE_TIMED, `single-${backend}`)];
    await importImages(page, files);
    await page.getByText(`Imported ${files.length} images`).waitFor({ timeout: 300_000 });
    const times: number[] = [];
    const modelTimes: number[] = [];
    const found: string[] = [];
    for (const name of files.map((f) => basename(f))) {
      await page.getByRole('button', { name: new RegExp(name.replace('.', '\\.')) }).click();
      // The tab that shows the result is opened before R, as a person watching for it has it: clicked while the
      // image runs, its rendering shared the two cores with the image's decode and made that 10 ms slower.
      await showTab(page, 'Model output');
      await page.keyboard.press('r');
      await page.getByTestId('result-source').waitFor({ timeout: 300_000 });
      const { pipeline, model } = await timesOf(page);
      times.push(pipeline);
      modelTimes.push(model);
      if (images.includes(name)) found.push(`${name}: ${(await page.getByRole('list', { name: 'Detections list' }).innerText()).split('\n')[0] ?? 'nothing'}`);
    }
    const threads = /(\d+) threads?/.exec(await status.innerText())?.[1];
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    emit({
      name: `${prefix}.main_thread_long_tasks`,
      backend,
      figures: { count: longTasks.length, longestMs: Math.max(0, ...longTasks) },
      note: 'PerformanceObserver longtask (> 50 ms) on the page during load, import and detection of the images',
    });
    const steadyMedianMs = median(times.slice(1));
    const steadyModelMs = median(modelTimes.slice(1));
    emit({
      name: `${prefix}.single_image_vs_inference`,
      backend,
      figures: { pipelineMs: steadyMedianMs, inferenceMs: steadyModelMs, stages: stageMedians(await storedResults(page), 1) },
      ratio: steadyMedianMs / steadyModelMs,
      note: 'one image at a time (R, with the result tab open): in the worker, image read from IndexedDB, decode at the model size, preprocess, inference, box decoding, nothing to overlap with; medians over the images after the first (the four fixtures, then opaque copies of photo fixtures, each with its own bytes)',
    });
    emit({
      name: `${prefix}.detect_image`,
      backend,
      model: 'coco-centernet',
      figures: { prepareMs, firstMs: times[0], steadyMedianMs, ...(threads ? { threads: Number(threads) } : {}) },
      parity: /disagrees|failed/.test(parity) ? parity.replace(/\s+/g, ' ').trim() : 'agrees with wasm',
      first_detections: found,
    });
    return { steadyMedianMs, modelMs: steadyModelMs, parity: /disagrees|failed/.test(parity) ? parity.replace(/\s+/g, ' ').trim() : 'agrees with wasm' };
  } finally {
    await context.close();
  }
}

export async function benchBrowser(): Promise<void> {
  const server = await startPreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await benchBackend(browser, server.url, 'wasm');
    await benchBatchPipeline(browser, server.url);
    for (const backend of (process.env.BENCH_BACKENDS ?? 'webgl,webgpu').split(',').filter(Boolean)) await benchBackend(browser, server.url, backend);
  } finally {
    await browser.close();
    server.stop();
  }
}
