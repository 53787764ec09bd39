// Training figures (npm run bench -- training): which bundled backbone separates classes best on a held-out split,
// embeddings per second per backend, time per epoch of the head for 1,000 and 10,000 examples, and the head's
// accuracy against the k-NN baseline on the same split.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeImage } from '../../src/cli/decode-image';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { memoryRasterSource } from '../../src/domain/raster-source';
import { seededRandom } from '../../src/domain/dataset/split';
import { balancedClassWeights, classCounts } from '../../src/domain/training/class-weights';
import { knnPredict } from '../../src/domain/training/knn';
import { contextWindow } from '../../src/domain/training/crop';
import { deriveEmbedder } from '../../src/domain/training/layers-model';
import { argmax, classificationFigures } from '../../src/domain/training/metrics';
import { DEFAULT_SETTINGS } from '../../src/domain/training/record';
import { stratifiedSplit } from '../../src/domain/training/split';
import type { Engine } from '../../src/ml/engine';
import { readManifest } from '../../src/ml/model-files';
import { memoryReader } from '../../src/ml/model-inspect';
import { createNodeEngine } from '../../src/ml/node';
import { loadEmbedder } from '../../src/ml/training/backbone';
import { trainHead } from '../../src/ml/training/head';
import { augmentedCrops, type Crop, generateScenes } from '../../tests/helpers/training-scenes';
import { emit, modelsDir } from './report';

const PER_CLASS = Number(process.env.BENCH_TRAINING_PER_CLASS ?? 40);
const read = async (path: string) => new Uint8Array(await readFile(join(modelsDir, path))).buffer as ArrayBuffer;

interface Candidate {
  name: string;
  features: number;
  /** Loads the candidate into the engine; returns its id and how raw output becomes the vector. */
  load(engine: Engine): Promise<{ id: string; vector(raw: Float32Array): Float32Array }>;
}

const mobilenetAt = (layer: string, features: number): Candidate => ({
  name: `content-mobilenetv2:${layer}`,
  features,
  async load(engine) {
    const embedder = await loadEmbedder(read, 'content-mobilenetv2');
    if (layer === 'flatten_1') {
      await engine.loadWith(embedder.manifest, memoryReader(embedder.files));
      return { id: embedder.manifest.id, vector: (raw) => raw };
    }
    const bundled = new Map([
      ['model.json', new Uint8Array(await read('content-mobilenetv2/model.json'))],
      ['weights.bin', new Uint8Array(await read('content-mobilenetv2/weights.bin'))],
    ]);
    const cut = deriveEmbedder({ modelJson: bundled.get('model.json')!, weights: bundled.get('weights.bin')! }, { featureLayer: layer, scaleLayer: 'bench_scale', inputScale: { scale: 127 / 255, offset: 127 / 255 } });
    const files = new Map([
      ['model.json', cut.modelJson],
      ['weights.bin', cut.weights],
    ]);
    const id = `bench-${layer}`;
    const { sha256Hex } = await import('../../src/domain/hash');
    const hashed = await Promise.all([...files].map(async ([path, bytes]) => ({ path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength })));
    await engine.loadWith({ ...embedder.manifest, id, files: hashed, decoder: { ...embedder.manifest.decoder, outputs: [layer] } }, memoryReader(files));
    return { id, vector: (raw) => raw };
  },
});

/** CenterNet's MobileNetV3 backbone: the last feature map (16 × 16 × 160 for 512²), averaged over its cells. */
const centernetBackbone: Candidate = {
  name: 'coco-centernet:MobilenetV3/expanded_conv_14 (mean-pooled)',
  features: 160,
  async load(engine) {
    const manifest = await readManifest(read, 'coco-centernet');
    const node = 'tower_0/MobilenetV3/expanded_conv_14/add';
    const features: ModelManifest = { ...manifest, id: 'bench-centernet-features', decoder: { ...manifest.decoder, outputs: [node] } } as ModelManifest;
    await engine.loadWith(features, read, 'coco-centernet');
    return {
      id: features.id,
      vector(raw) {
        const channels = 160;
        const out = new Float32Array(channels);
        const cells = raw.length / channels;
        for (let i = 0; i < raw.length; i++) out[i % channels]! += raw[i]! / cells;
        return out;
      },
    };
  },
};

async function embedAll(engine: Engine, id: string, vector: (raw: Float32Array) => Float32Array, crops: readonly Crop[]): Promise<{ vectors: Float32Array[]; perSecond: number }> {
  const vectors: Float32Array[] = [];
  const t0 = performance.now();
  for (const crop of crops) vectors.push(vector((await engine.embed(id, crop.pixels)).features));
  return { vectors, perSecond: crops.length / ((performance.now() - t0) / 1000) };
}

async function headAccuracy(vectors: Float32Array[], labels: number[], classes: number, split: { train: number[]; val: number[] }) {
  const features = vectors[0]!.length;
  const pack = (idx: number[]) => {
    const x = new Float32Array(idx.length * features);
    idx.forEach((i, r) => x.set(vectors[i]!, r * features));
    return { x, y: Int32Array.from(idx.map((i) => labels[i]!)), features };
  };
  const train = pack(split.train);
  const val = pack(split.val);
  const t0 = performance.now();
  const head = await trainHead(train, val, classes, balancedClassWeights(classCounts([...train.y], classes)), DEFAULT_SETTINGS);
  const ms = performance.now() - t0;
  const predicted = split.val.map((_, r) => argmax(head.valProbabilities.subarray(r * classes, (r + 1) * classes)));
  return { accuracy: classificationFigures([...val.y], predicted, Array.from({ length: classes }, (_, i) => String(i))).accuracy!, epochs: head.epochs, bestEpoch: head.bestEpoch, msPerEpoch: ms / head.epochs };
}

/** Box crops as the box labeller gets them: generated scenes, each pasted photo cut out with its context. */
async function sceneCrops(): Promise<Crop[]> {
  const crops: Crop[] = [];
  for (const scene of generateScenes({ seed: 41, count: 30 })) {
    const source = memoryRasterSource(decodeImage(scene.png).pixels);
    for (const object of scene.objects) crops.push({ label: object.label, pixels: await source.readWindow(contextWindow(object.box, scene.width, scene.height), 224, 224) });
  }
  return crops;
}

interface Labelled {
  crops: Crop[];
  names: string[];
  labels: number[];
  split: { train: number[]; val: number[] };
}

function labelled(crops: Crop[]): Labelled {
  const names = [...new Set(crops.map((c) => c.label))];
  const split = stratifiedSplit(crops.map((c, i) => ({ label: c.label, key: String(i).padStart(5, '0') })), { valFraction: 0.3, seed: 1 });
  return { crops, names, labels: crops.map((c) => names.indexOf(c.label)), split };
}

function knnAccuracy({ split, labels, names }: Labelled, vectors: Float32Array[]): number {
  const predicted = knnPredict(split.train.map((i) => vectors[i]!), split.train.map((i) => labels[i]!), split.val.map((i) => vectors[i]!), DEFAULT_SETTINGS.knnK);
  return classificationFigures(split.val.map((i) => labels[i]!), predicted, names).accuracy!;
}

export async function benchTraining(): Promise<void> {
  const sets: [string, Labelled][] = [
    ['augmented crops (5 classes, 40-100 % of the object, mirrored, gain, noise)', labelled(augmentedCrops({ seed: 5, perClass: PER_CLASS }))],
    ['scene boxes with context (3 classes, generated scenes)', labelled(await sceneCrops())],
  ];
  const [, hard] = sets[0]!;
  const { names, labels, split } = hard;

  // Which backbone separates the classes best: the same crops, the same split, k-NN and the trained head.
  const engine = createNodeEngine(modelsDir, ['wasm']);
  let chosen: Float32Array[] = [];
  for (const candidate of [mobilenetAt('flatten_1', 1280), mobilenetAt('dense_1', 256), centernetBackbone]) {
    const { id, vector } = await candidate.load(engine);
    await engine.prepare(id, 'wasm');
    for (const [set, data] of sets) {
      const { vectors, perSecond } = await embedAll(engine, id, vector, data.crops);
      const head = await headAccuracy(vectors, data.labels, data.names.length, data.split);
      emit({
        name: 'training.backbone_separation',
        backend: 'wasm',
        figures: { set, backbone: candidate.name, features: candidate.features, classes: data.names.length, train: data.split.train.length, val: data.split.val.length, knnAccuracy: knnAccuracy(data, vectors), headAccuracy: head.accuracy, embeddingsPerSecond: perSecond },
      });
      if (candidate.name.endsWith('flatten_1') && data === hard) chosen = vectors;
    }
    await engine.release(id);
  }

  // The chosen backbone: embeddings per second per backend, and the head against the baseline.
  for (const backend of ['wasm', 'cpu'] as const) {
    const perBackend = createNodeEngine(modelsDir, [backend]);
    const { id, vector } = await mobilenetAt('flatten_1', 1280).load(perBackend);
    await perBackend.prepare(id, backend);
    const sample = hard.crops.slice(0, backend === 'cpu' ? 10 : 40);
    const { perSecond } = await embedAll(perBackend, id, vector, sample);
    emit({ name: 'training.embeddings_per_second', backend, figures: { backbone: 'content-mobilenetv2:flatten_1', embeddings: sample.length, perSecond } });
    await perBackend.release(id);
  }
  const head = await headAccuracy(chosen, labels, names.length, split);
  const knn = knnAccuracy(hard, chosen);
  emit({ name: 'training.head_vs_knn', backend: 'wasm', figures: { classes: names.length, train: split.train.length, val: split.val.length, headAccuracy: head.accuracy, knnAccuracy: knn, epochs: head.epochs, bestEpoch: head.bestEpoch }, ratio: head.accuracy / knn });

  // Time per epoch: real embeddings, jittered, to 1,000 and 10,000 examples.
  const random = seededRandom(9);
  for (const n of [1000, 10000]) {
    const vectors = Array.from({ length: n }, (_, i) => Float32Array.from(chosen[i % chosen.length]!, (v) => Math.max(0, v + (random() - 0.5) * 0.2)));
    const y = Array.from({ length: n }, (_, i) => labels[i % chosen.length]!);
    const idx = Array.from({ length: n }, (_, i) => i);
    const settings = { ...DEFAULT_SETTINGS, maxEpochs: 3, patience: 100 };
    const pack = (list: number[]) => ({ x: (() => { const x = new Float32Array(list.length * 1280); list.forEach((i, r) => x.set(vectors[i]!, r * 1280)); return x; })(), y: Int32Array.from(list.map((i) => y[i]!)), features: 1280 });
    const t0 = performance.now();
    await trainHead(pack(idx.slice(0, Math.round(n * 0.8))), pack(idx.slice(Math.round(n * 0.8))), names.length, new Array(names.length).fill(1), settings);
    emit({ name: 'training.epoch_time', backend: 'wasm', figures: { examples: n, features: 1280, classes: names.length, batchSize: settings.batchSize, msPerEpoch: (performance.now() - t0) / settings.maxEpochs } });
  }
}
