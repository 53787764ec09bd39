// Inference worker: owns TF.js, the models and the backends, so inference never blocks the page.
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_PREFERENCE } from './backends';
import type { ModelManifest } from '../domain/model-manifest';
import { Engine } from './engine';
import type { EngineApi, WorkerEvent } from './protocol';
import { createAreaService } from './worker-areas';
import { createJobService } from './worker-jobs';
import { configureWasmThreads, setWasmPaths } from './tf';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});


const base = new URL(import.meta.env.BASE_URL, self.location.origin);

const engine = new Engine({
  readFile: async (path) => {
    const response = await fetch(new URL(path, base));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
    return response.arrayBuffer();
  },
  backends: BACKEND_PREFERENCE,
  now: () => performance.now(),
});

const modelDir = (id: string) => `models/${id}`;
const loaded = new Map<string, Promise<ModelManifest>>();

function ensureLoaded(modelId: string): Promise<ModelManifest> {
  let manifest = loaded.get(modelId);
  if (!manifest) {
    manifest = engine.load(modelDir(modelId));
    manifest.catch(() => loaded.delete(modelId));
    loaded.set(modelId, manifest);
  }
  return manifest;
}

const listeners = new Set<(event: WorkerEvent) => void>();
const emit = (event: WorkerEvent) => listeners.forEach((listener) => listener(event));
const jobs = createJobService(engine, ensureLoaded, emit);
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
    const response = await fetch(new URL('models/index.json', base));
    if (!response.ok) throw new Error('models/index.json is missing: run npm install to install the bundled models');
    const { models } = (await response.json()) as { models: string[] };
    return Promise.all(models.map((id) => engine.readManifest(modelDir(id))));
  },
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
