// Node figures: the CLI's engine (WASM backend) on the fixtures, and the pipeline's overhead over raw inference,
// for the bundled models and for two added ones (the tests' YOLOv8-layout detector and Teachable Machine classifier).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../../src/cli/decode-image';
import { loadUserModel } from '../../src/cli/model-source';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../../src/domain/prediction';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { scratch, writeTeachableClassifier, writeYoloSilhouette } from '../../tests/helpers/user-models';
import { emit, fixture, median, modelsDir } from './report';

const IMAGES = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];
const RUNS = 5;

async function run(engine: Engine, manifest: ModelManifest, pixels: ReturnType<typeof decodeImage>['pixels']) {
  return manifest.task === 'detect'
    ? (await engine.detect(manifest.id, pixels, defaultParams(manifest))).timings
    : (await engine.classify(manifest.id, pixels, defaultClassifyParams(manifest))).timings;
}

async function benchModel(engine: Engine, manifest: ModelManifest, added: boolean): Promise<void> {
  const report = await engine.prepare(manifest.id);
  const pipeline: number[] = [];
  const inference: number[] = [];
  for (const name of IMAGES) {
    const bytes = new Uint8Array(await readFile(fixture(name)));
    const runs: { total: number; decode: number; pre: number; infer: number; post: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const { pixels } = decodeImage(bytes);
      const t1 = performance.now();
      const timings = await run(engine, manifest, pixels);
      const total = performance.now() - t0;
      runs.push({ total, decode: t1 - t0, pre: timings.preprocessMs, infer: timings.inferenceMs, post: timings.postprocessMs });
    }
    const pick = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
    pipeline.push(pick('total'));
    inference.push(pick('infer'));
    emit({
      name: manifest.task === 'detect' ? 'node.detect_image' : 'node.classify_image',
      backend: report.backend,
      model: manifest.id,
      added,
      image: name,
      figures: { totalMs: pick('total'), fileDecodeMs: pick('decode'), preprocessMs: pick('pre'), inferenceMs: pick('infer'), postprocessMs: pick('post') },
    });
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  emit({
    name: 'node.pipeline_vs_inference',
    backend: report.backend,
    model: manifest.id,
    added,
    figures: { pipelineMs: sum(pipeline) / IMAGES.length, inferenceMs: sum(inference) / IMAGES.length },
    ratio: sum(pipeline) / sum(inference),
    note: `pipeline = file decode + ${manifest.preprocessing.resize} resize + inference + ${manifest.task === 'detect' ? 'box decoding' : 'tags'}; inference = execute + read-back`,
  });
  const before = engine.memory().numTensors;
  await engine.release(manifest.id);
  emit({ name: 'node.release_model', backend: report.backend, model: manifest.id, added, figures: { tensorsBefore: before, tensorsAfter: engine.memory().numTensors } });
}

export async function benchNode(): Promise<void> {
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
