// Inference worker: owns TF.js, the models and the backends, so inference never blocks the page.
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_PREFERENCE } from './backends';
import type { ModelManifest } from '../domain/model-manifest';
import { getLibraryModel, listLibraryModels, readLibraryFile } from '../storage';
import { Engine } from './engine';
import type { EngineApi, WorkerEvent } from './protocol';
import { createAreaService } from './worker-areas';
import { createJobService } from './worker-jobs';
import { createModelService } from './worker-models';
import { configureWasmThreads, setWasmPaths } from './tf';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});


const base = new URL(import.meta.env.BASE_URL, self.location.origin);

/** Library models live in IndexedDB ("library/<sha256>/<file>"); bundled ones are files of the app ("models/<id>/<file>"). */
async function readModelFile(path: string): Promise<ArrayBuffer> {
  const library = /^library\/([0-9a-f]{64})\/(.+)$/.exec(path);
  if (library) {
    const [, sha256, file] = library;
    if (file === 'manifest.json') {
      const record = await getLibraryModel(sha256!);
      if (!record) throw new Error('the model is no longer in the model library');
      return new TextEncoder().encode(JSON.stringify(record.manifest)).buffer as ArrayBuffer;
    }
    return readLibraryFile(sha256!, file!);
  }
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
  return response.arrayBuffer();
}

const engine = new Engine({ readFile: readModelFile, backends: BACKEND_PREFERENCE, now: () => performance.now() });

/** Where each model's files are: bundled ones under models/, library ones under library/<sha256>. */
const modelDirs = new Map<string, string>();
const loaded = new Map<string, Promise<ModelManifest>>();

async function bundledIds(): Promise<string[]> {
  const response = await fetch(new URL('models/index.json', base));
  if (!response.ok) throw new Error('models/index.json is missing: run npm install to install the bundled models');
  return ((await response.json()) as { models: string[] }).models;
}

async function libraryManifests(): Promise<ModelManifest[]> {
  const manifests = (await listLibraryModels()).map((r) => r.manifest);
  for (const m of manifests) modelDirs.set(m.id, `library/${m.library!.sha256}`);
  return manifests;
}

async function modelDir(id: string): Promise<string> {
  if (!modelDirs.has(id)) await libraryManifests();
  return modelDirs.get(id) ?? `models/${id}`;
}

function ensureLoaded(modelId: string): Promise<ModelManifest> {
  let manifest = loaded.get(modelId);
  if (!manifest) {
    manifest = modelDir(modelId).then((dir) => engine.load(dir));
    manifest.catch(() => loaded.delete(modelId));
    loaded.set(modelId, manifest);
  }
  return manifest;
}

const listeners = new Set<(event: WorkerEvent) => void>();
const emit = (event: WorkerEvent) => listeners.forEach((listener) => listener(event));
const jobs = createJobService(engine, ensureLoaded, emit);
const models = createModelService(engine, jobs.imageBlob, bundledIds);
let openDatabase: string | undefined;
const areas = createAreaService(engine, ensureLoaded, jobs.database, emit);

const api: EngineApi = {
  async configure({ wasmThreads }) {
    configureWasmThreads(wasmThreads);
  },
  async useDatabase(dbName) {
    if (dbName !== openDatabase) await areas.suspend();
    openDatabase = dbName;
    await jobs.useDatabase(dbName);
  },
  async listModels() {
    const bundled = await Promise.all((await bundledIds()).map((id) => engine.readManifest(`models/${id}`)));
    for (const m of bundled) modelDirs.set(m.id, `models/${m.id}`);
    // A broken library must not hide the bundled models.
    const library = await libraryManifests().catch((error: unknown) => {
      console.warn('the model library could not be read:', error);
      return [];
    });
    return [...bundled, ...library];
  },
  inspectModel: (files) => models.inspect(files),
  tryDraft: (draftId, manifest, imageSha256, choice) => models.tryOn(draftId, manifest, imageSha256, choice),
  saveDraft: (draftId, manifest, name) => models.save(draftId, manifest, name),
  closeDraft: (draftId) => models.close(draftId),
  async prepare(modelId, choice, remembered) {
    await ensureLoaded(modelId);
    return engine.prepare(modelId, choice, remembered);
  },
  async subscribe(listener) {
    listeners.add(listener);
  },
  startJob: (spec) => jobs.start(spec),
  pauseJob: (jobId) => jobs.pause(jobId),
  resumeJob: (jobId) => jobs.resume(jobId),
  cancelJob: (jobId) => jobs.cancel(jobId),
  resumeUnfinishedJobs: () => jobs.resumeUnfinished(),
  startArea: (spec) => areas.start(spec),
  pauseArea: (key) => areas.pause(key),
  resumeArea: (key) => areas.resume(key),
  cancelArea: (key) => areas.cancel(key),
  resumeUnfinishedAreas: () => areas.resumeUnfinished(),
  async release(modelId) {
    await engine.release(modelId);
    loaded.delete(modelId);
  },
  async stats() {
    return { ...engine.memory(), inferences: engine.inferences };
  },
};

Comlink.expose(api);
