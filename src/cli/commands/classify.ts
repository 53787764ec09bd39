import type { ClassifierManifest, ModelManifest } from '../../domain/model-manifest';
import { defaultClassifyParams } from '../../domain/prediction';
import type { ClassifyParams, Tag } from '../../domain/tag';
import type { Engine } from '../../ml/engine';
import { classifyOnRaster } from '../../ml/pipeline';
import { type OpenedFile, type ReadPlan, startImageReader } from '../image-reader';
import { isModelPath, loadUserModel } from '../model-source';
import { modelsRoot, readModelIndex, readModelManifest } from '../models-root';
import { UsageError } from '../usage';
import { type Output, readAhead } from './detect';

export interface ClassifyOptions {
  files: string[];
  /** A bundled classifier's id, or a model's folder, model.json or zip. */
  model: string;
  /** A manifest.json that pins how a model given by path is run. */
  manifest?: string;
  /** How many labels to print per image (default: the model's topK). */
  top?: number;
}

/** One line of `workbench classify` output. */
export interface ClassifyLine {
  file: string;
  sha256: string;
  width: number;
  height: number;
  labels: Tag[];
}

/** Prints one JSON object per image as soon as it is classified; bad files go to stderr and the rest go on. */
export async function runClassify(options: ClassifyOptions, io: Output): Promise<number> {
  const root = modelsRoot();
  const byPath = isModelPath(options.model, await readModelIndex(root));
  if (!byPath) await checkClassifier(root, options.model);
  if (options.manifest && !byPath) throw new UsageError('--manifest goes with --model <folder>, not with a bundled model');
  // Loaded only now: TF.js takes a moment to start, and a mistyped model name should not wait for it.
  const { createNodeEngine } = await import('../../ml/node');
  const engine = createNodeEngine(root);
  const manifest = byPath ? (await loadUserModel(engine, options.model, options.manifest)).manifest : await engine.load(options.model);
  if (manifest.task !== 'classify') throw new UsageError(`model "${options.model}" is a ${manifest.task} model, not a classifier`);
  const report = await engine.prepare(manifest.id);
  for (const skipped of report.skipped) io.stderr(`workbench: ${manifest.id}: ${skipped.name} skipped: ${skipped.reason}`);
  const params: ClassifyParams = { ...defaultClassifyParams(manifest), ...(options.top ? { topK: options.top } : {}) };
  const reader = startImageReader();
  const plan: ReadPlan = { input: manifest.input, resize: manifest.preprocessing.resize ?? 'stretch', tiling: 'whole' };
  const opening = readAhead(options.files, (file) => reader.open(file, plan));
  let failures = 0;
  for (const [index, file] of options.files.entries()) {
    try {
      io.stdout(`${JSON.stringify(await classifyFile(engine, manifest, file, opening.take(index), params))}\n`);
    } catch (error) {
      failures++;
      io.stderr(`workbench: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await reader.close();
  return failures > 0 ? 1 : 0;
}

/** Refuses, as a usage error naming the installed classifiers, a model that is unknown or not a classifier. */
async function checkClassifier(root: string, id: string): Promise<void> {
  const known = await readModelIndex(root);
  const manifests = await Promise.all(known.map((m) => readModelManifest(root, m).catch(() => undefined)));
  const classifiers = manifests.filter((m): m is ClassifierManifest => m?.task === 'classify').map((m) => m.id);
  const list = `classifiers: ${classifiers.join(', ') || 'none installed'}`;
  const manifest = manifests.find((m): m is ModelManifest => m?.id === id);
  if (!known.includes(id)) throw new UsageError(`unknown model "${id}" (${list})`);
  if (manifest && manifest.task !== 'classify') {
    throw new UsageError(`model "${id}" is a ${manifest.task} model, not a classifier (${list})`);
  }
}

const round = (score: number) => Math.round(score * 1e6) / 1e6;

/** The whole image at about the model's input size (read so by the reader thread; a TIFF from its overviews). */
async function classifyFile(engine: Engine, manifest: ModelManifest, file: string, opening: Promise<OpenedFile>, params: ClassifyParams): Promise<ClassifyLine> {
  const { source, sha256 } = await opening;
  const { tags } = await classifyOnRaster(engine, manifest, source, params);
  const labels = tags.map((t) => ({ label: t.label, score: round(t.score) }));
  return { file, sha256, width: source.width, height: source.height, labels };
}
