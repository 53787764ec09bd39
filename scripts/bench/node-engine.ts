// Node figures: the CLI's engine (WASM backend) on the fixtures, and the pipeline's overhead over raw inference.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../../src/cli/decode-image';
import { defaultParams } from '../../src/domain/prediction';
import { createNodeEngine } from '../../src/ml/node';
import { emit, fixture, median, modelsDir } from './report';

const IMAGES = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png'];
const RUNS = 5;

export async function benchNode(): Promise<void> {
  const engine = createNodeEngine(modelsDir);
  for (const modelId of ['coco-centernet', 'face-blazeface']) {
    const manifest = await engine.load(modelId);
    const report = await engine.prepare(modelId);
    const params = defaultParams(manifest);
    const pipeline: number[] = [];
    const inference: number[] = [];
    for (const name of IMAGES) {
      const bytes = new Uint8Array(await readFile(fixture(name)));
      const runs: { total: number; decode: number; pre: number; infer: number; post: number }[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const { pixels } = decodeImage(bytes);
        const t1 = performance.now();
        const { timings } = await engine.detect(modelId, pixels, params);
        const total = performance.now() - t0;
        runs.push({ total, decode: t1 - t0, pre: timings.preprocessMs, infer: timings.inferenceMs, post: timings.postprocessMs });
      }
      const pick = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
      pipeline.push(pick('total'));
      inference.push(pick('infer'));
      emit({
        name: 'node.detect_image',
        backend: report.backend,
        model: modelId,
        image: name,
        figures: { totalMs: pick('total'), fileDecodeMs: pick('decode'), preprocessMs: pick('pre'), inferenceMs: pick('infer'), postprocessMs: pick('post') },
      });
    }
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    emit({
      name: 'node.pipeline_vs_inference',
      backend: report.backend,
      model: modelId,
      figures: { pipelineMs: sum(pipeline) / IMAGES.length, inferenceMs: sum(inference) / IMAGES.length },
      ratio: sum(pipeline) / sum(inference),
      note: 'pipeline = file decode + resize + inference + box decoding; inference = execute + read-back',
    });
    const before = engine.memory().numTensors;
    await engine.release(modelId);
    emit({ name: 'node.release_model', backend: report.backend, model: modelId, figures: { tensorsBefore: before, tensorsAfter: engine.memory().numTensors } });
  }
}
