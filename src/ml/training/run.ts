// One training run, the same in the worker and the CLI: embeddings (from the cache where they were made before),
// a seeded stratified split, the k-NN baseline, the softmax head, and the figures on the held-out examples.
import type { RgbaPixels } from '../../domain/image';
import { balancedClassWeights, classCounts } from '../../domain/training/class-weights';
import { chooseLabels, labelInventory, type LeftOut, type TrainingExample, TrainingRefused } from '../../domain/training/examples';
import { knnPredict } from '../../domain/training/knn';
import type { HeadWeights } from '../../domain/training/layers-model';
import { argmax, classificationFigures } from '../../domain/training/metrics';
import type { EpochFigures, TrainingRecord, TrainingSettings, WrongExample } from '../../domain/training/record';
import { stratifiedSplit } from '../../domain/training/split';
import type { Engine } from '../engine';
import { type Embedder, FEATURE_LAYER, FEATURES } from './backbone';
import { type Embedded, TrainingCancelled, trainHead } from './head';

export type TrainingProgress =
  | { phase: 'embedding'; done: number; total: number; cached: number }
  | { phase: 'training'; figures: EpochFigures; maxEpochs: number }
  | { phase: 'saving' };

/** Embeddings kept between runs, by key (embedder identity, image hash, crop). */
export interface EmbeddingCache {
  get(keys: readonly string[]): Promise<Map<string, Float32Array>>;
  put(entries: readonly { key: string; imageSha256: string; vector: Float32Array }[]): Promise<void>;
}

export interface TrainingPorts {
  /** An engine with the embedder loaded (as embedder.manifest.id) and prepared on its verified backend. */
  engine: Engine;
  embedder: Embedder;
  backend: string;
  /** The example's pixels (the crop read at the model's input size, or the whole image); undefined: the image is gone. */
  pixels(example: TrainingExample): Promise<RgbaPixels | undefined>;
  cache?: EmbeddingCache;
  progress?(event: TrainingProgress): void;
  cancelled?(): boolean;
  now?(): Date;
  fileName?(imageSha256: string): string | undefined;
}

export interface TrainingRequest {
  /** The labels chosen (each with enough examples); the examples of other labels are not used. */
  labels: readonly string[];
  /** Labels left out before training, and why: kept in the record. */
  leftOut?: readonly LeftOut[];
  settings: TrainingSettings;
}

export interface TrainingOutcome {
  record: TrainingRecord;
  head: HeadWeights;
}

/** Embeddings written to the cache this many at a time: a reload keeps what was made before it. */
const CACHE_CHUNK = 16;

export const cacheKey = (embedder: Pick<Embedder, 'sha256'>, example: Pick<TrainingExample, 'key'>) => `${embedder.sha256}|${example.key}`;

async function embedAll(examples: readonly TrainingExample[], ports: TrainingPorts): Promise<{ vectors: (Float32Array | undefined)[]; cached: number; computed: number }> {
  const { embedder, engine } = ports;
  const keys = examples.map((e) => cacheKey(embedder, e));
  const found = (await ports.cache?.get(keys)) ?? new Map<string, Float32Array>();
  const vectors: (Float32Array | undefined)[] = keys.map((k) => found.get(k));
  const cached = vectors.filter(Boolean).length;
  let computed = 0;
  let pending: { key: string; imageSha256: string; vector: Float32Array }[] = [];
  const flush = async () => {
    if (pending.length > 0) await ports.cache?.put(pending);
    pending = [];
  };
  ports.progress?.({ phase: 'embedding', done: cached, total: examples.length, cached });
  for (let i = 0; i < examples.length; i++) {
    if (vectors[i]) continue;
    if (ports.cancelled?.()) {
      await flush();
      throw new TrainingCancelled();
    }
    const pixels = await ports.pixels(examples[i]!);
    if (!pixels) continue; // deleted while training ran
    const { features } = await engine.embed(embedder.manifest.id, pixels);
    vectors[i] = features;
    computed++;
    pending.push({ key: keys[i]!, imageSha256: examples[i]!.imageSha256, vector: features });
    if (pending.length >= CACHE_CHUNK) await flush();
    ports.progress?.({ phase: 'embedding', done: cached + computed, total: examples.length, cached });
  }
  await flush();
  return { vectors, cached, computed };
}

function stack(vectors: readonly Float32Array[], labels: readonly number[]): Embedded {
  const x = new Float32Array(vectors.length * FEATURES);
  vectors.forEach((v, i) => x.set(v, i * FEATURES));
  return { x, y: Int32Array.from(labels), features: FEATURES };
}

/** Trains on the examples of the chosen labels; throws TrainingRefused with the reason when the data cannot make a model. */
export async function trainFromExamples(all: readonly TrainingExample[], request: TrainingRequest, ports: TrainingPorts): Promise<TrainingOutcome> {
  const startedAt = (ports.now?.() ?? new Date()).toISOString();
  const { settings } = request;
  const chosen = new Set(request.labels);
  const examples = all.filter((e) => chosen.has(e.label));
  const { vectors, cached, computed } = await embedAll(examples, ports);
  const kept = examples.map((e, i) => ({ example: e, vector: vectors[i] })).filter((k): k is { example: TrainingExample; vector: Float32Array } => k.vector !== undefined);
  const vanished = examples.length - kept.length;
  let labels: string[];
  try {
    labels = chooseLabels(labelInventory(kept.map((k) => k.example)), [...request.labels], settings.minExamples).labels;
  } catch (error) {
    if (error instanceof TrainingRefused && vanished > 0) throw new TrainingRefused(`${vanished} examples' images were deleted while training ran. ${error.message}`);
    throw error;
  }
  if (labels.length < request.labels.length) {
    const dropped = request.labels.filter((l) => !labels.includes(l));
    throw new TrainingRefused(`${vanished} examples' images were deleted while training ran, and ${dropped.map((l) => `"${l}"`).join(', ')} no longer has enough examples: choose the labels again.`);
  }
  const indexOf = new Map(labels.map((l, i) => [l, i]));
  const split = stratifiedSplit(kept.map((k) => k.example), settings);
  const side = (indices: number[]) => ({ vectors: indices.map((i) => kept[i]!.vector), labels: indices.map((i) => indexOf.get(kept[i]!.example.label)!), examples: indices.map((i) => kept[i]!.example) });
  const train = side(split.train);
  const val = side(split.val);

  const knnK = Math.min(settings.knnK, train.vectors.length);
  const knnFigures = classificationFigures(val.labels, knnPredict(train.vectors, train.labels, val.vectors, knnK), labels);
  const weights = balancedClassWeights(classCounts(train.labels, labels.length));
  const head = await trainHead(stack(train.vectors, train.labels), stack(val.vectors, val.labels), labels.length, weights, settings, {
    onEpoch: (figures) => ports.progress?.({ phase: 'training', figures, maxEpochs: settings.maxEpochs }),
    cancelled: () => ports.cancelled?.() ?? false,
  });

  const k = labels.length;
  const predicted: number[] = [];
  const wrong: WrongExample[] = [];
  val.examples.forEach((example, i) => {
    const probabilities = head.valProbabilities.subarray(i * k, (i + 1) * k);
    const p = argmax(probabilities);
    predicted.push(p);
    if (p !== val.labels[i]) {
      const fileName = ports.fileName?.(example.imageSha256);
      wrong.push({ imageSha256: example.imageSha256, ...(fileName ? { fileName } : {}), crop: example.crop, truth: example.label, predicted: labels[p]!, score: probabilities[p]! });
    }
  });
  const images = (list: readonly TrainingExample[]) => new Set(list.map((e) => e.imageSha256)).size;
  const record: TrainingRecord = {
    kind: 'workbench-training',
    version: 1,
    task: settings.task,
    backbone: { id: ports.embedder.manifest.id, name: ports.embedder.backboneName, sha256: ports.embedder.sha256, featureLayer: FEATURE_LAYER, features: FEATURES },
    labels: labels.map((label) => ({
      label,
      train: train.examples.filter((e) => e.label === label).length,
      val: val.examples.filter((e) => e.label === label).length,
      images: images(kept.map((x) => x.example).filter((e) => e.label === label)),
    })),
    leftOut: [...(request.leftOut ?? [])],
    vanished,
    examples: kept.length,
    images: images(kept.map((x) => x.example)),
    settings,
    epochs: head.epochs,
    bestEpoch: head.bestEpoch,
    history: head.history,
    validation: classificationFigures(val.labels, predicted, labels),
    knn: { k: knnK, figures: knnFigures },
    wrong,
    backend: ports.backend,
    startedAt,
    finishedAt: (ports.now?.() ?? new Date()).toISOString(),
    embeddings: { cached, computed },
  };
  return { record, head: { kernel: head.kernel, bias: head.bias } };
}
