// The app's pipeline against the model's own time, images run one after another as *Detect all* runs them on one
// inference worker (the next image read and decoded while the model works on the current one, results written in
// batches), and where each image's time went, from the stage timings the worker records with each result.
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import type { PipelineStages } from '../../src/domain/prediction';
import { batchImages } from './batch';
import { type StoredResult, storedResults } from './stored';
import { emit, median } from './report';
import { importImages, openRunSettings } from './ui';

const IMAGES = Number(process.env.BENCH_PIPELINE_IMAGES ?? 21);

/** Median of each stage over the results after the first `skip` (the first pays for warm-up). */
export function stageMedians(results: readonly StoredResult[], skip: number): Partial<PipelineStages> {
  const staged = results.slice(skip).flatMap((r) => (r.stages ? [r.stages] : []));
  if (staged.length === 0) return {};
  const keys = Object.keys(staged[0]!) as (keyof PipelineStages)[];
  return Object.fromEntries(keys.map((k) => [k, median(staged.map((s) => s[k]))]));
}

export async function benchBatchPipeline(browser: Browser, url: string): Promise<void> {
  const files = batchImages(IMAGES, 'pipeline');
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(url);
    const status = page.getByTestId('engine-status');
    await status.filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
    await openRunSettings(page);
    await page.getByLabel('Workers').selectOption('1');
    await status.filter({ hasText: /Running on|error/i }).waitFor({ timeout: 300_000 });
    await importImages(page, files);
    await page.getByText(`Imported ${files.length} images`).waitFor({ timeout: 300_000 });
    const load = loadavg()[0];
    await page.getByRole('button', { name: 'Detect all' }).click();
    const progress = page.getByRole('group', { name: 'Detecting progress' });
    await progress.waitFor({ timeout: 60_000 }).catch(() => undefined);
    await progress.waitFor({ state: 'detached', timeout: 600_000 });
    const results = await storedResults(page);
    // Steady state: from the first result to the last, so the first image's start-up is left out.
    const times = results.map((r) => Date.parse(r.createdAt));
    const pipelineMs = (times.at(-1)! - times[0]!) / (results.length - 1);
    const inferenceMs = results.slice(1).reduce((sum, r) => sum + (r.inferenceMs ?? 0), 0) / (results.length - 1);
    emit({
      name: 'browser.pipeline_vs_inference',
      backend: 'wasm',
      model: 'coco-centernet',
      figures: { pipelineMs, inferenceMs, images: results.length, stages: stageMedians(results, 1), loadAverage: load, status: await status.innerText() },
      ratio: pipelineMs / inferenceMs,
      note: 'Detect all on one inference worker: wall time per image between the first and the last result (storage read, decode and preprocess of the next images overlapping the model, results written in batches) over the model time (upload, run, read-back); stages: medians per image',
    });
  } finally {
    await context.close();
  }
}
