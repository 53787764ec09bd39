import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { DatasetError } from '../../domain/dataset/errors';
import { sha256Hex } from '../../domain/hash';
import { chooseLabels, collectExamples, labelInventory, type TrainingTask } from '../../domain/training/examples';
import { datasetAnnotations } from '../../domain/training/from-dataset';
import { DEFAULT_SETTINGS, type TrainingRecord, type TrainingSettings } from '../../domain/training/record';
import type { Engine } from '../../ml/engine';
import { memoryReader } from '../../ml/model-inspect';
import { examplePixels, recentImages } from '../../ml/training/pixels';
import { openImage } from '../decode-image';
import { modelsRoot } from '../models-root';
import { readTrainingData } from '../training-data';
import { UsageError } from '../usage';
import type { Output } from './detect';

export interface TrainOptions {
  task: TrainingTask;
  data: string;
  out: string;
  seed: number;
  val: number;
  minExamples: number;
  /** Labels to train on (default: every label with enough examples). */
  labels?: string[];
  /** The model's name (metadata.json modelName); default: the output folder's name. */
  name?: string;
  maxEpochs?: number;
  verbose: boolean;
}

/** The figures printed as JSON: what a person or a script checks before using the model. */
export function trainingSummary(record: TrainingRecord, out: string) {
  const { validation, knn } = record;
  return {
    out,
    task: record.task,
    labels: record.labels,
    leftOut: record.leftOut,
    examples: record.examples,
    images: record.images,
    seed: record.settings.seed,
    val: record.settings.valFraction,
    epochs: record.epochs,
    bestEpoch: record.bestEpoch,
    backbone: record.backbone,
    backend: record.backend,
    accuracy: validation.accuracy,
    balancedAccuracy: validation.balancedAccuracy,
    knnAccuracy: knn.figures.accuracy,
    knnK: knn.k,
    perClass: Object.fromEntries(validation.perClass.map((c) => [c.label, { precision: c.precision, recall: c.recall, support: c.support }])),
    confusion: { labels: validation.perClass.map((c) => c.label), matrix: validation.confusion },
    wrong: record.wrong.map((w) => ({ file: w.fileName, crop: w.crop, truth: w.truth, predicted: w.predicted, score: w.score })),
  };
}

async function refuseUsedFolder(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => null);
  if (entries && entries.length > 0) throw new UsageError(`--out ${out} is a folder with files in it: give a new or empty folder`);
}

/** Trains as the app does and writes the Teachable Machine-layout files; prints the validation figures as JSON. */
export async function runTrain(options: TrainOptions, io: Output): Promise<number> {
  await refuseUsedFolder(options.out);
  let data;
  try {
    data = await readTrainingData(options.data, options.task);
  } catch (error) {
    if (error instanceof DatasetError) throw new Error(error.message.replace(/nothing was imported/, 'nothing was trained'), { cause: error });
    throw error;
  }
  for (const file of data.missing) io.stderr(`workbench: ${file}: image not found beside the annotations; its examples are left out`);
  const sha = new Map<string, string>();
  const bytesBySha = new Map<string, Uint8Array>();
  const nameBySha = new Map<string, string>();
  for (const [fileName, bytes] of data.images) {
    const hash = await sha256Hex(bytes);
    sha.set(fileName, hash);
    bytesBySha.set(hash, bytes);
    nameBySha.set(hash, fileName);
  }
  const annotations = datasetAnnotations(data.dataset);
  const images = data.dataset.images.filter((i) => sha.has(i.fileName)).map((i) => ({ sha256: sha.get(i.fileName)!, width: i.width, height: i.height, fileName: i.fileName }));
  const byFile = new Map(images.map((i) => [i.sha256, i.fileName]));
  const { examples, multiTagged } = collectExamples(options.task, images, (s) => annotations.get(byFile.get(s)!) ?? []);
  if (examples.length === 0 && multiTagged === 0) {
    const what =
      options.task === 'tags'
        ? 'no image tags: --task tags trains on image-level labels (COCO images[].attributes.tags, a CSV\'s tags column, or images in one folder per class)'
        : 'no boxes: --task boxes trains on the labelled boxes of a COCO, YOLO, VOC or CSV set';
    throw new Error(`${data.describe}: ${what}`);
  }
  if (multiTagged > 0) io.stderr(`workbench: ${multiTagged} images have more than one tag; a classifier gives one label per image, so they are left out`);
  const { labels, leftOut } = chooseLabels(labelInventory(examples), options.labels ?? null, options.minExamples);
  for (const l of leftOut) io.stderr(`workbench: left out: ${l.reason}`);
  if (options.verbose) io.stderr(`workbench: ${data.describe}: ${examples.length} examples, training on ${labels.join(', ')}`);

  const { createNodeEngine } = await import('../../ml/node');
  const { loadEmbedder } = await import('../../ml/training/backbone');
  const { trainFromExamples } = await import('../../ml/training/run');
  const { teachableFiles } = await import('../../ml/training/export');
  const root = modelsRoot();
  const engine: Engine = createNodeEngine(root);
  const embedder = await loadEmbedder(async (path) => new Uint8Array(await readFile(join(root, path))).buffer as ArrayBuffer, 'content-mobilenetv2');
  await engine.loadWith(embedder.manifest, memoryReader(embedder.files));
  const report = await engine.prepare(embedder.manifest.id);
  for (const skipped of report.skipped) io.stderr(`workbench: ${embedder.manifest.id}: ${skipped.name} skipped: ${skipped.reason}`);
  const read = recentImages(async (s) => {
    const bytes = bytesBySha.get(s);
    return bytes && openImage(bytes);
  });
  const settings: TrainingSettings = { ...DEFAULT_SETTINGS, task: options.task, seed: options.seed, valFraction: options.val, minExamples: options.minExamples, ...(options.maxEpochs ? { maxEpochs: options.maxEpochs } : {}) };
  let reported = -1;
  const { record, head } = await trainFromExamples(examples, { labels, leftOut, settings }, {
    engine,
    embedder,
    backend: report.backend,
    pixels: async (example) => {
      const opened = await read(example.imageSha256);
      return opened && examplePixels(embedder, opened, example);
    },
    fileName: (s) => nameBySha.get(s),
    progress: (event) => {
      if (!options.verbose) return;
      if (event.phase === 'embedding' && Math.floor((event.done * 10) / event.total) !== reported) {
        reported = Math.floor((event.done * 10) / event.total);
        io.stderr(`workbench: embeddings ${event.done}/${event.total} (${event.cached} cached)`);
      } else if (event.phase === 'training' && event.figures.epoch % 10 === 0) {
        const f = event.figures;
        io.stderr(`workbench: epoch ${f.epoch}: loss ${f.trainLoss.toFixed(4)}, validation loss ${f.valLoss.toFixed(4)}, accuracy ${f.valAccuracy.toFixed(3)}`);
      }
    },
  });
  const name = options.name ?? basename(resolve(options.out));
  const files = teachableFiles(embedder, head, record, name);
  // Written into a folder beside the target, then renamed: a failure leaves no half-written model.
  const partial = join(dirname(resolve(options.out)), `.${basename(resolve(options.out))}.partial-${process.pid}`);
  try {
    await mkdir(partial, { recursive: true });
    for (const [path, bytes] of files) await writeFile(join(partial, path), bytes);
    await rm(options.out, { recursive: true, force: true });
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  io.stdout(`${JSON.stringify(trainingSummary(record, options.out))}\n`);
  return 0;
}
