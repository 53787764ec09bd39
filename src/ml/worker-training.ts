// Training worker: embeddings, the head and saving the model run here, off the page's thread and beside the
// inference worker, which keeps serving the viewer meanwhile.
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Annotation } from '../domain/annotation';
import type { ImageRecord } from '../domain/image';
import { collectExamples, chooseLabels, labelInventory, type TrainingTask } from '../domain/training/examples';
import { rasterOfBlob } from '../platform/raster-of-blob';
import { addLibraryModel, annotationsOfMany, getEmbeddings, getImageBlob, listImages, openWorkbenchDb, putEmbeddings, type WorkbenchDb } from '../storage';

import { BACKEND_PREFERENCE } from './backends';
import { Engine } from './engine';
import { inspectModelFiles, memoryReader } from './model-inspect';
import { configureWasmThreads, setWasmPaths } from './tf';
import { BACKBONE_ID, loadEmbedder } from './training/backbone';
import { teachableFiles } from './training/export';
import { examplePixels, recentImages } from './training/pixels';
import type { TrainingApi, TrainingEvent, TrainingInventory, TrainingJob, TrainingResult } from './training/protocol';
import { trainFromExamples } from './training/run';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// One thread: the inference worker has the other cores, and this worker must not starve it.
configureWasmThreads(1);

const base = new URL(import.meta.env.BASE_URL, self.location.origin);

async function readBundled(path: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base));
  } catch (error) {
    throw new Error(`${path} could not be fetched (${(error as Error).message}); offline, it must be in the offline cache`, { cause: error });
  }
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
  return response.arrayBuffer();
}

const engine = new Engine({ readFile: readBundled, backends: BACKEND_PREFERENCE, now: () => performance.now() });
let cancelled = false;
let running = false;

/** Images read per transaction when gathering annotations. */
const CHUNK = 250;

async function reviewedData(db: WorkbenchDb): Promise<{ images: ImageRecord[]; annotations: Map<string, Annotation[]> }> {
  const images = await listImages(db);
  const annotations = new Map<string, Annotation[]>();
  for (let start = 0; start < images.length; start += CHUNK) {
    const part = images.slice(start, start + CHUNK);
    const lists = await annotationsOfMany(db, part.map((i) => i.sha256));
    part.forEach((image, i) => annotations.set(image.sha256, lists[i]!));
  }
  return { images, annotations };
}

async function bundledIds(): Promise<string[]> {
  return ((JSON.parse(new TextDecoder().decode(await readBundled('models/index.json'))) as { models: string[] }).models);
}

async function withDb<T>(dbName: string, work: (db: WorkbenchDb) => Promise<T>): Promise<T> {
  const db = await openWorkbenchDb(dbName);
  try {
    return await work(db);
  } finally {
    db.close(); // never held between runs: deleting or upgrading the project must not wait on this worker
  }
}

const api: TrainingApi = {
  inventory(dbName: string, task: TrainingTask): Promise<TrainingInventory> {
    return withDb(dbName, async (db) => {
      const { images, annotations } = await reviewedData(db);
      const { examples, multiTagged } = collectExamples(task, images, (sha) => annotations.get(sha) ?? []);
      return { task, labels: labelInventory(examples), multiTagged, images: new Set(examples.map((e) => e.imageSha256)).size };
    });
  },

  async train(job: TrainingJob, onEvent: (event: TrainingEvent) => void): Promise<TrainingResult> {
    if (running) throw new Error('a training is already running');
    running = true;
    cancelled = false;
    try {
      return await withDb(job.dbName, async (db) => {
        const { settings } = job;
        onEvent({ phase: 'preparing', message: 'reading the reviewed annotations' });
        const { images, annotations } = await reviewedData(db);
        const fileNames = new Map(images.map((i) => [i.sha256, i.fileName]));
        const { examples } = collectExamples(settings.task, images, (sha) => annotations.get(sha) ?? [], new Set(job.labels));
        const { labels, leftOut } = chooseLabels(labelInventory(examples), job.labels, settings.minExamples);
        onEvent({ phase: 'preparing', message: 'loading the backbone' });
        const embedder = await loadEmbedder(readBundled);
        await engine.loadWith(embedder.manifest, memoryReader(embedder.files));
        const report = await engine.prepare(embedder.manifest.id, job.backendChoice);
        const open = recentImages(async (sha) => {
          const blob = await getImageBlob(db, sha);
          return blob && rasterOfBlob(blob, job.stretch);
        });
        const { record, head } = await trainFromExamples(examples, { labels, leftOut, settings }, {
          engine,
          embedder,
          backend: report.backend,
          pixels: async (example) => {
            const opened = await open(example.imageSha256).catch(() => undefined); // deleted while training ran
            return opened && examplePixels(embedder, opened, example);
          },
          cache: {
            get: (keys) => getEmbeddings(db, keys),
            put: (entries) => putEmbeddings(db, entries.map((e) => ({ key: e.key, imageSha256: e.imageSha256, vector: e.vector }))),
          },
          progress: onEvent,
          cancelled: () => cancelled,
          fileName: (sha) => fileNames.get(sha),
        });
        onEvent({ phase: 'saving' });
        const files = teachableFiles(embedder, head, record, job.name);
        // Read back through the model import, as Add model… would read the exported files: what is stored is what any
        // other copy of these files proposes.
        const { proposal, files: checked } = await inspectModelFiles(engine, files, job.name);
        if (proposal.problems.length > 0) throw new Error(`the trained model does not read back: ${proposal.problems.join('; ')}`);
        const origin = `trained here: ${record.examples} ${settings.task === 'boxes' ? 'boxes' : 'tagged images'}, ${record.labels.length} labels`;
        const { record: stored, added } = await addLibraryModel({ manifest: proposal.manifest, files: checked, name: job.name, origin, training: record }, { reserved: await bundledIds() });
        return { record, manifest: stored.manifest, added };
      });
    } finally {
      running = false;
      await engine.release(`embedder-${BACKBONE_ID}`).catch(() => undefined);
    }
  },

  async cancel() {
    cancelled = true;
  },
};

Comlink.expose(api);
