// Inference worker: owns TF.js, the models and the backends, so inference never blocks the page.
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_PREFERENCE } from './backends';
import type { ModelManifest } from '../domain/model-manifest';
import { getLibraryModel, listLibraryModels, readLibraryFile } from '../storage';
import { Engine } from './engine';
import type { EngineApi, EngineOptions, WorkerEvent } from './protocol';
import { createAreaService } from './worker-areas';
import { createJobService } from './worker-jobs';
import { exposeLane, isLaneWorker } from './worker-lane';
import { createModelService } from './worker-models';
import { type Detector, laneCount, threadsPerLane } from './lane-pool';
import { type LaneSet, startLaneWorkers } from './lane-workers';
import { backendHeapBytes, configureWasmThreads, logicalCores, setWasmPaths } from './tf';

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

let workersSetting: EngineOptions['workers'] = 'auto';
let lanes: Promise<LaneSet | undefined> | undefined;

/** Lanes a batch of this model gets here: by the setting, the verified backend, the cores and the memory. */
function plannedLanes(modelId: string): { lanes: number; threads: number } {
  const backend = engine.reportOf(modelId)?.backend ?? 'wasm';
  const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const count = laneCount(workersSetting ?? 'auto', backend, logicalCores, memory, backendHeapBytes());
  return { lanes: count, threads: threadsPerLane(logicalCores, count) };
}

/**
 * The worker's own engine for a single run (all its threads on one image); the lanes for a batch or a tiled
 * image where there are more than one. Lanes start on first use and stay for the worker's life.
 */
async function detectorFor(modelId: string, runs: number): Promise<Detector> {
  if (!engine.reportOf(modelId)) return engine; // not verified yet: the engine picks and checks a backend first
  const plan = plannedLanes(modelId);
  if (runs < 2 || plan.lanes < 2) return engine;
  lanes ??= startLaneWorkers(self.location.href, plan.lanes, plan.threads, readModelFile, async (id) => {
    const manifest = await ensureLoaded(id);
    const backend = engine.reportOf(id)?.backend;
    if (!backend) throw new Error(`${manifest.name} has no verified backend yet`);
    return { manifest, modelDir: await modelDir(id), backend };
  }).catch((error: unknown) => {
    console.warn('inference lanes did not start; running on one engine:', error);
    return undefined;
  });
  return (await lanes)?.pool ?? engine;
}

const listeners = new Set<(event: WorkerEvent) => void>();
const emit = (event: WorkerEvent) => listeners.forEach((listener) => listener(event));
const jobs = createJobService(detectorFor, ensureLoaded, emit);
const models = createModelService(engine, jobs.imageBlob, bundledIds);
let openDatabase: string | undefined;
const areas = createAreaService(detectorFor, ensureLoaded, jobs.database, emit);

const api: EngineApi = {
  async configure({ wasmThreads, workers }) {
    configureWasmThreads(wasmThreads);
    workersSetting = workers ?? 'auto';
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
    const report = await engine.prepare(modelId, choice, remembered);
    return { ...report, batch: plannedLanes(modelId) };
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
    await (await lanes)?.release(modelId);
    loaded.delete(modelId);
  },
  async stats() {
    const pool = (await lanes)?.pool;
    return { ...engine.memory(), inferences: engine.inferences, laneRuns: pool?.runs ?? 0, lanes: pool?.lanes ?? 0 };
  },
};

// The same script serves as an inference lane (a nested worker of this one) when started under that name.
if (isLaneWorker()) exposeLane();
else Comlink.expose(api);
