// Training on the real backbone in Node (WASM): the embedder is the bundled MobileNetV2 to within float rounding,
// the head frees every tensor (also when cancelled), and the exported Teachable Machine files, read back through the
// model import, give the probabilities the head gave.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { toModelInput } from '../../src/domain/model-input';
import { collectExamples, type TrainingExample, TrainingRefused } from '../../src/domain/training/examples';
import { datasetAnnotations } from '../../src/domain/training/from-dataset';
import { DEFAULT_SETTINGS } from '../../src/domain/training/record';
import { memoryRasterSource } from '../../src/domain/raster-source';
import { parseCoco } from '../../src/domain/formats/coco/import';
import { inspectModelFiles, memoryReader } from '../../src/ml/model-inspect';
import { createNodeEngine } from '../../src/ml/node';
import { type Embedder, loadEmbedder } from '../../src/ml/training/backbone';
import { teachableFiles } from '../../src/ml/training/export';
import { TrainingCancelled, trainHead } from '../../src/ml/training/head';
import { examplePixels } from '../../src/ml/training/pixels';
import { trainFromExamples } from '../../src/ml/training/run';
import { relabelDetections } from '../../src/ml/relabel';
import { modelsDir, readFixture } from '../helpers/fixtures';
import { generateScenes, scenesAsCoco } from '../helpers/training-scenes';

const read = async (path: string) => new Uint8Array(readFileSync(join(modelsDir, path))).buffer as ArrayBuffer;
const engine = createNodeEngine(modelsDir);
let embedder: Embedder;

beforeAll(async () => {
  embedder = await loadEmbedder(read, 'content-mobilenetv2');
  await engine.loadWith(embedder.manifest, memoryReader(embedder.files));
  await engine.prepare(embedder.manifest.id);
});

describe('the embedder', () => {
  it("is the bundled MobileNetV2's pooled features, fed Teachable Machine's input", async () => {
    const pixels = decodeImage(readFixture('chelsea.png')).pixels;
    const { features } = await engine.embed(embedder.manifest.id, pixels);
    expect(features).toHaveLength(1280);
    // The bundled model as nsfwjs ships it, cut at flatten_1, on the same square scaled 0–1 instead of −1…1.
    const json = JSON.parse(readFileSync(join(modelsDir, 'content-mobilenetv2/model.json'), 'utf8'));
    const whole = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: await read('content-mobilenetv2/weights.bin') }));
    const cut = tf.model({ inputs: whole.inputs, outputs: whole.getLayer('flatten_1').output as tf.SymbolicTensor });
    const input = toModelInput(pixels, embedder.manifest.input, { ...embedder.manifest.preprocessing, scale: 1 / 255, offset: 0 }).data;
    const reference = tf.tidy(() => cut.predict(tf.tensor4d(input, [1, 224, 224, 3])) as tf.Tensor);
    const expected = await reference.data();
    reference.dispose();
    whole.dispose();
    let worst = 0;
    for (let i = 0; i < 1280; i++) worst = Math.max(worst, Math.abs(expected[i]! - features[i]!));
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('the head', () => {
  // Three clusters in 8 dimensions, a few examples each: linearly separable.
  const data = (n: number, shift: number) => {
    const x = new Float32Array(n * 3 * 8);
    const y = new Int32Array(n * 3);
    for (let i = 0; i < n * 3; i++) {
      y[i] = i % 3;
      for (let d = 0; d < 8; d++) x[i * 8 + d] = (d === y[i]! ? 3 : 0) + Math.sin(i * 7 + d + shift) * 0.3;
    }
    return { x, y, features: 8 };
  };
  const settings = { ...DEFAULT_SETTINGS, learningRate: 0.05, maxEpochs: 60 };

  it('learns separable classes and frees every tensor it made', async () => {
    const before = tf.memory().numTensors;
    const head = await trainHead(data(6, 0), data(2, 1), 3, [1, 1, 1], settings);
    expect(tf.memory().numTensors).toBe(before);
    expect(head.kernel).toHaveLength(24);
    expect(head.history.at(-1)!.valAccuracy).toBe(1);
    expect(head.bestEpoch).toBeGreaterThan(0);
    // The kept epoch: no later one bettered its validation loss by more than the rule's 1e-3.
    const kept = head.history[head.bestEpoch - 1]!.valLoss;
    for (const later of head.history.slice(head.bestEpoch)) expect(later.valLoss).toBeGreaterThan(kept - 1e-3);
  });

  it('is the same model for the same seed, and stops on cancel leaving nothing behind', async () => {
    const a = await trainHead(data(6, 0), data(2, 1), 3, [1, 1, 1], { ...settings, maxEpochs: 5 });
    const b = await trainHead(data(6, 0), data(2, 1), 3, [1, 1, 1], { ...settings, maxEpochs: 5 });
    expect([...b.kernel]).toEqual([...a.kernel]);
    const before = tf.memory().numTensors;
    let epochs = 0;
    await expect(trainHead(data(6, 0), data(2, 1), 3, [1, 1, 1], settings, { onEpoch: () => epochs++, cancelled: () => epochs >= 2 })).rejects.toThrow(TrainingCancelled);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a training run and its Teachable Machine files', () => {
  const scenes = generateScenes({ seed: 21, count: 8, width: 320, height: 240 });
  const dataset = parseCoco(scenesAsCoco(scenes), 'scenes.json');
  const annotations = datasetAnnotations(dataset);
  const byName = new Map(scenes.map((s) => [s.fileName, s]));
  const images = dataset.images.map((i) => ({ sha256: i.fileName, width: i.width, height: i.height }));
  const pixelsOf = (example: TrainingExample) => {
    const pixels = decodeImage(byName.get(example.imageSha256)!.png).pixels;
    return examplePixels(embedder, { source: memoryRasterSource(pixels), pixels }, example);
  };
  const examples = () => collectExamples('boxes', images, (sha) => annotations.get(sha) ?? []).examples;
  const settings = { ...DEFAULT_SETTINGS, task: 'boxes' as const, minExamples: 4, maxEpochs: 40 };
  const labels = ['astronaut', 'cameraman', 'cat'];

  it('trains on the crops, reads back through the model import and gives the same probabilities', async () => {
    const tensors = tf.memory().numTensors;
    const cached = new Map<string, Float32Array>();
    const cache = { get: async (keys: readonly string[]) => new Map(keys.filter((k) => cached.has(k)).map((k) => [k, cached.get(k)!])), put: async (entries: readonly { key: string; vector: Float32Array }[]) => void entries.forEach((e) => cached.set(e.key, e.vector)) };
    const { record, head } = await trainFromExamples(examples(), { labels, settings }, { engine, embedder, backend: 'wasm', pixels: pixelsOf, cache });
    expect(record.labels.map((l) => l.label)).toEqual(labels);
    expect(record.embeddings).toEqual({ cached: 0, computed: record.examples });
    expect(record.validation.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(tf.memory().numTensors).toBe(tensors);

    // A second run finds every embedding in the cache.
    const again = await trainFromExamples(examples(), { labels, settings }, { engine, embedder, backend: 'wasm', pixels: async () => undefined, cache });
    expect(again.record.embeddings).toEqual({ cached: record.examples, computed: 0 });
    expect([...again.head.kernel]).toEqual([...head.kernel]);

    const files = teachableFiles(embedder, head, record, 'scene labeller');
    const { proposal, files: checked } = await inspectModelFiles(engine, files, 'scene labeller');
    expect(proposal.problems).toEqual([]);
    expect(proposal.recognisedAs).toBe('Teachable Machine image model (metadata.json)');
    expect(proposal.manifest.labels).toEqual(labels);
    const manifest = { ...proposal.manifest, id: 'scene-labeller' };
    await engine.loadWith(manifest, memoryReader(checked));
    // The exported model on a crop against the head on that crop's embedding.
    const example = examples()[0]!;
    const crop = await pixelsOf(example);
    const { tags } = await engine.classify(manifest.id, crop, { topK: 3, minScore: 0 });
    const embedding = cached.get(`${embedder.sha256}|${example.key}`)!;
    const logits = labels.map((_, c) => head.bias[c]! + embedding.reduce((sum, v, f) => sum + v * head.kernel[f * 3 + c]!, 0));
    const max = Math.max(...logits);
    const exp = logits.map((l) => Math.exp(l - max));
    const expected = exp.map((e) => e / exp.reduce((a, b) => a + b, 0));
    for (const tag of tags) expect(Math.abs(tag.score - expected[labels.indexOf(tag.label)]!)).toBeLessThan(1e-5);

    // Chained after a detector's boxes: relabelled from the crops as trained, low-scored boxes left out.
    const scene = scenes[0]!;
    const source = memoryRasterSource(decodeImage(scene.png).pixels);
    const detections = scene.objects.map((o, i) => ({ label: 'person', classIndex: 0, score: i === 0 ? 0.1 : 0.8, box: o.box }));
    const relabelled = await relabelDetections(engine, manifest as never, source, detections, 0.2);
    expect(relabelled.map((d) => d.label)).toEqual(scene.objects.slice(1).map((o) => o.label));
    expect(relabelled[0]!.relabel!.detectorLabel).toBe('person');
    expect(relabelled[0]!.score).toBe(0.8);
    await engine.release(manifest.id);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('leaves out examples whose image was deleted while it ran, and refuses when a label no longer has enough', async () => {
    const gone = new Set(scenes.slice(0, 2).map((s) => s.fileName));
    const pixels = async (e: TrainingExample) => (gone.has(e.imageSha256) ? undefined : pixelsOf(e));
    const { record } = await trainFromExamples(examples(), { labels, settings: { ...settings, maxEpochs: 2 } }, { engine, embedder, backend: 'wasm', pixels });
    const lost = scenes.slice(0, 2).reduce((n, s) => n + s.objects.length, 0);
    expect(record.vanished).toBe(lost);
    expect(record.examples).toBe(examples().length - lost);
    const strict = { ...settings, minExamples: 8 };
    await expect(trainFromExamples(examples(), { labels, settings: strict }, { engine, embedder, backend: 'wasm', pixels })).rejects.toThrow(TrainingRefused);
    await expect(trainFromExamples(examples(), { labels, settings: strict }, { engine, embedder, backend: 'wasm', pixels })).rejects.toThrow(/were deleted while training ran/);
  });
});
