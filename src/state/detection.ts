import { create } from 'zustand';
import type { DetectParams } from '../domain/detection';
import type { ImageRecord } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import { defaultParams, paramsHash, predictionKey, type PredictionRecord, runKey } from '../domain/prediction';
import type { BackendChoice, BackendReport, EngineOptions } from '../ml/protocol';
import { getImageBlob, getPrediction, predictionsForRun, putPrediction, readSetting, writeSetting } from '../storage';
import { database, errorMessage, inferenceEngine, onEngineCrash, restartInferenceEngine } from './services';

export type EnginePhase = 'starting' | 'preparing' | 'ready' | 'error';

export interface BatchProgress {
  done: number;
  total: number;
  failed: number;
  startedAt: number;
}

interface DetectionState {
  models: ModelManifest[];
  model: ModelManifest | null;
  params: DetectParams | null;
  paramsHash: string | null;
  run: string | null;
  backendChoice: BackendChoice;
  wasmThreads: EngineOptions['wasmThreads'];
  phase: EnginePhase;
  report: BackendReport | null;
  engineError: string | null;
  /** Results of the current model and parameters, by image SHA-256. */
  results: Record<string, PredictionRecord>;
  /** Images whose result was computed in this session (the rest came from the cache). */
  computedNow: Record<string, true>;
  failures: Record<string, string>;
  running: string | null;
  batch: BatchProgress | null;
  init(): Promise<void>;
  selectModel(id: string): Promise<void>;
  setBackendChoice(choice: BackendChoice): Promise<void>;
  setWasmThreads(threads: EngineOptions['wasmThreads']): Promise<void>;
  detect(image: ImageRecord): Promise<PredictionRecord | undefined>;
  detectAll(images: ImageRecord[]): Promise<void>;
  cancelBatch(): void;
}

let cancelBatchRequested = false;
let prepared: Promise<BackendReport> | null = null;
let started: Promise<void> | null = null;

export const useDetection = create<DetectionState>((set, get) => {
  async function ensurePrepared(): Promise<BackendReport> {
    const { model, backendChoice } = get();
    if (!model) throw new Error('no model selected');
    prepared ??= (async () => {
      set({ phase: 'preparing', engineError: null });
      try {
        const report = await inferenceEngine().prepare(model.id, backendChoice);
        set({ phase: 'ready', report });
        return report;
      } catch (error) {
        prepared = null;
        set({ phase: 'error', engineError: errorMessage(error) });
        throw error;
      }
    })();
    return prepared;
  }

  async function loadResults(model: ModelManifest): Promise<void> {
    const params = defaultParams(model);
    const hash = await paramsHash(params);
    const run = runKey(model, hash);
    const cached = await predictionsForRun(await database(), run);
    set({ model, params, paramsHash: hash, run, results: Object.fromEntries(cached), computedNow: {}, failures: {} });
  }

  async function start(): Promise<void> {
    onEngineCrash((message) => {
      prepared = null;
      set({ phase: 'error', engineError: `The inference worker stopped: ${message}` });
    });
    try {
      const db = await database();
      const models = await inferenceEngine().listModels();
      const savedModel = await readSetting<string>(db, 'modelId', models[0]?.id ?? '');
      const backendChoice = await readSetting<BackendChoice>(db, 'backendChoice', 'auto');
      const wasmThreads = await readSetting<EngineOptions['wasmThreads']>(db, 'wasmThreads', 'auto');
      await inferenceEngine().configure({ wasmThreads });
      const model = models.find((m) => m.id === savedModel) ?? models[0] ?? null;
      set({ models, backendChoice, wasmThreads });
      if (!model) throw new Error('no bundled models found: run npm install');
      await loadResults(model);
      await ensurePrepared();
    } catch (error) {
      set({ phase: 'error', engineError: errorMessage(error) });
    }
  }

  return {
    models: [],
    model: null,
    params: null,
    paramsHash: null,
    run: null,
    backendChoice: 'auto',
    wasmThreads: 'auto',
    phase: 'starting',
    report: null,
    engineError: null,
    results: {},
    computedNow: {},
    failures: {},
    running: null,
    batch: null,

    init() {
      started ??= start();
      return started;
    },

    async selectModel(id) {
      const model = get().models.find((m) => m.id === id);
      if (!model || model.id === get().model?.id) return;
      prepared = null;
      set({ report: null });
      await writeSetting(await database(), 'modelId', id);
      await loadResults(model);
      await ensurePrepared().catch(() => undefined);
    },

    async setBackendChoice(choice) {
      prepared = null;
      set({ backendChoice: choice, report: null });
      await writeSetting(await database(), 'backendChoice', choice);
      await ensurePrepared().catch(() => undefined);
    },

    async setWasmThreads(threads) {
      if (get().batch) return;
      await writeSetting(await database(), 'wasmThreads', threads);
      restartInferenceEngine();
      prepared = null;
      set({ wasmThreads: threads, report: null, phase: 'starting' });
      await inferenceEngine().configure({ wasmThreads: threads });
      await ensurePrepared().catch(() => undefined);
    },

    async detect(image) {
      const { model, params, paramsHash: hash, run } = get();
      if (!model || !params || !hash || !run) return undefined;
      const db = await database();
      const key = predictionKey(image.sha256, run);
      const cached = get().results[image.sha256] ?? (await getPrediction(db, key));
      if (cached) {
        set((s) => ({ results: { ...s.results, [image.sha256]: cached } }));
        return cached;
      }
      set({ running: image.sha256 });
      try {
        await ensurePrepared();
        const blob = await getImageBlob(db, image.sha256);
        if (!blob) throw new Error('the image bytes are missing from storage');
        const t0 = performance.now();
        const response = await inferenceEngine().detect(model.id, blob, params);
        const record: PredictionRecord = {
          key,
          runKey: run,
          imageSha256: image.sha256,
          modelId: model.id,
          modelVersion: model.version,
          weightsSha256: model.weightsSha256,
          paramsHash: hash,
          params,
          detections: response.detections,
          backend: response.backend,
          elapsedMs: Math.round(performance.now() - t0),
          createdAt: new Date().toISOString(),
        };
        await putPrediction(db, record);
        if (get().run === run) {
          set((s) => ({
            results: { ...s.results, [image.sha256]: record },
            computedNow: { ...s.computedNow, [image.sha256]: true },
          }));
        }
        return record;
      } catch (error) {
        set((s) => ({ failures: { ...s.failures, [image.sha256]: errorMessage(error) } }));
        throw error;
      } finally {
        set({ running: null });
      }
    },

    async detectAll(images) {
      cancelBatchRequested = false;
      const todo = images.filter((i) => !get().results[i.sha256]);
      const batch: BatchProgress = { done: 0, total: todo.length, failed: 0, startedAt: performance.now() };
      set({ batch: { ...batch } });
      for (const image of todo) {
        if (cancelBatchRequested) break;
        try {
          await get().detect(image);
        } catch {
          batch.failed++; // recorded per image in `failures`; the batch goes on
        }
        batch.done++;
        set({ batch: { ...batch } });
      }
      set({ batch: null });
    },

    cancelBatch() {
      cancelBatchRequested = true;
    },
  };
});
