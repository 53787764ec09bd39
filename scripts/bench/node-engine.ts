// Node figures: the CLI's engine (WASM backend) on the fixtures, and the pipeline's overhead over raw inference,
// for the bundled models and for two added ones (the tests' YOLOv8-layout detector and Teachable Machine classifier).
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeImageFast } from '../../src/cli/decode-fast';
import { decodeImage } from '../../src/cli/decode-image';
import { readAhead } from '../../src/cli/commands/detect';
import { type ReadPlan, startImageReader } from '../../src/cli/image-reader';
import { wholeImageRead } from '../../src/domain/model-input';
import { loadUserModel } from '../../src/cli/model-source';
import type { RgbaPixels } from '../../src/domain/image';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../../src/domain/prediction';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { scratch, writeTeachableClassifier, writeYoloSilhouette } from '../../tests/helpers/user-models';
import { emit, fixture, median, modelsDir } from './report';

const IMAGES = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];
const RUNS = 5;

async function run(engine: Engine, manifest: ModelManifest, pixels: RgbaPixels) {
  return manifest.task === 'detect'
    ? (await engine.detect(manifest.id, pixels, defaultParams(manifest))).timings
    : (await engine.classify(manifest.id, pixels, defaultClassifyParams(manifest))).timings;
}

/**
 * The CLI's own path: files read, hashed, decoded and brought to the model's size on the reader thread, one file
 * ahead, while the model runs on the main thread. Pipeline = wall time over RUNS passes through the images;
 * inference = the model's own time in them.
 */
async function benchModel(engine: Engine, manifest: ModelManifest, added: boolean): Promise<void> {
  const report = await engine.prepare(manifest.id);
  const reader = startImageReader();
  // Whole: each image is one model run here (auto would tile rocket.jpg for a 256² model, and the reader would
  // then hand over the full-size pixels for this thread to resize).
  const plan: ReadPlan = { input: manifest.input, resize: manifest.preprocessing.resize ?? 'stretch', tiling: 'whole' };
  const files = Array.from({ length: RUNS }, () => IMAGES.map(fixture)).flat();
  await reader.open(files[0]!, plan); // the thread started
  const perImage = new Map<string, { infer: number[]; pre: number[]; post: number[]; wait: number[] }>();
  const stages: Record<string, number>[] = [];
  let inference = 0;
  const opening = readAhead(files, (file) => reader.open(file, plan));
  // Steady state: the clock starts with the first file open, as the CLI reads it while the model warms up.
  const first = opening.take(0);
  await first;
  const t0 = performance.now();
  for (const [index, file] of files.entries()) {
    const t1 = performance.now();
    const { source, stages: reader } = await (index === 0 ? first : opening.take(index));
    const read = wholeImageRead(source.width, source.height, manifest.input, manifest.preprocessing.resize ?? 'stretch');
    const pixels = await source.readWindow(read.window, read.width, read.height);
    const waited = performance.now() - t1;
    const timings = await run(engine, manifest, pixels);
    inference += timings.inferenceMs;
    const figures = perImage.get(file) ?? { infer: [], pre: [], post: [], wait: [] };
    figures.infer.push(timings.inferenceMs);
    figures.pre.push(timings.preprocessMs);
    figures.post.push(timings.postprocessMs);
    figures.wait.push(waited);
    perImage.set(file, figures);
    const { uploadMs = 0, inferMs = 0, readBackMs = 0 } = timings;
    stages.push({ ...reader, waitedMs: waited, preprocessMs: timings.preprocessMs, uploadMs, inferMs, readBackMs, boxesMs: timings.postprocessMs });
  }
  const pipeline = performance.now() - t0;
  await reader.close();
  for (const [file, f] of perImage) {
    emit({
      name: manifest.task === 'detect' ? 'node.detect_image' : 'node.classify_image',
      backend: report.backend,
      model: manifest.id,
      added,
      image: basename(file),
      figures: { waitedForReaderMs: median(f.wait), preprocessMs: median(f.pre), inferenceMs: median(f.infer), postprocessMs: median(f.post) },
    });
  }
  emit({
    name: 'node.pipeline_vs_inference',
    backend: report.backend,
    model: manifest.id,
    added,
    figures: {
      pipelineMs: pipeline / files.length,
      inferenceMs: inference / files.length,
      images: files.length,
      loadAverage: loadavg()[0],
      stages: Object.fromEntries(Object.keys(stages[0] ?? {}).map((k) => [k, median(stages.map((s) => s[k] ?? 0))])),
      // The pipeline is a sum, so the waits that matter are the long ones a median hides.
      waitedMsMean: stages.reduce((sum, s) => sum + (s.waitedMs ?? 0), 0) / Math.max(1, stages.length),
    },
    ratio: pipeline / inference,
    note: `pipeline = wall time per image over ${files.length} files as the CLI runs them (read, hash, decode and ${manifest.preprocessing.resize ?? 'stretch'} resize on the reader thread, two files ahead, the clock started once the first is open; model input, inference, ${manifest.task === 'detect' ? 'box decoding' : 'tags'} here); inference = upload + execute + read-back; stages: medians per image, readMs (read and hash), decodeMs and resizeMs on the reader thread, the rest on the main thread`,
  });
  const before = engine.memory().numTensors;
  await engine.release(manifest.id);
  emit({ name: 'node.release_model', backend: report.backend, model: manifest.id, added, figures: { tensorsBefore: before, tensorsAfter: engine.memory().numTensors } });
}

/** PNG and JPEG decoding: pure JavaScript (pngjs, jpeg-js) against libvips (sharp), median of RUNS, per fixture. */
async function benchDecoders(): Promise<void> {
  let js = 0;
  let vips = 0;
  const figures: Record<string, { jsMs: number; sharpMs: number }> = {};
  for (const name of IMAGES) {
    const bytes = new Uint8Array(await readFile(fixture(name)));
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      decodeImage(bytes);
      a.push(performance.now() - t);
      t = performance.now();
      await decodeImageFast(bytes);
      b.push(performance.now() - t);
    }
    figures[name] = { jsMs: median(a), sharpMs: median(b) };
    js += median(a);
    vips += median(b);
  }
  emit({ name: 'node.decode_js_vs_sharp', backend: 'none', figures, ratio: js / vips, note: 'decoding the fixtures to RGBA: pngjs/jpeg-js over sharp (libvips); the CLI uses sharp' });
}

export async function benchNode(): Promise<void> {
  await benchDecoders();
  const engine = createNodeEngine(modelsDir);
  for (const modelId of ['coco-centernet', 'face-blazeface']) await benchModel(engine, await engine.load(modelId), false);
  // Added models go through what `workbench detect --model <folder>` does: checks, a probe run, the proposal.
  const root = scratch('workbench-bench-models-');
  writeYoloSilhouette(join(root, 'silhouette_web_model'));
  await writeTeachableClassifier(join(root, 'tm'));
  for (const folder of ['silhouette_web_model', 'tm']) {
    const t0 = performance.now();
    const { manifest } = await loadUserModel(engine, join(root, folder));
    emit({ name: 'node.add_model', backend: 'wasm', model: manifest.id, added: true, figures: { inspectAndLoadMs: performance.now() - t0, bytes: manifest.files.reduce((n, f) => n + f.bytes, 0) } });
    await benchModel(engine, manifest, true);
  }
}
