import { create } from 'zustand';
import type { BatchProgress } from '../domain/batch';
import { CANDIDATE_SCORE_FLOOR, DEFAULT_RUN_TILING, type DetectRunParams, type RunTiling } from '../domain/detection';
import type { ImageRecord } from '../domain/image';
import type { SettingKey } from '../domain/settings';
import type { ModelManifest } from '../domain/model-manifest';
import { DEFAULT_STRETCH } from '../domain/stretch';
import { defaultParams, inferenceParams, paramsHash, predictionKey, type PredictionRecord, relabelParams, runKey } from '../domain/prediction';
import type { ClassifyParams } from '../domain/tag';
import { callback } from '../ml/client';
import type { BackendChoice, BackendReport, EngineOptions, EngineStats, JobSpec, PreparedReport, WorkerEvent } from '../ml/protocol';
import { getPrediction, predictionsForRun, readSetting, writeSetting } from '../storage';
import { database, databaseName, errorMessage, inferenceEngine, on, onEngineCrash, publish, restartInferenceEngine } from './project-context';
import { STRETCH_SETTING } from './raster-setting';
import { askBeforeLargeRun } from './large-run';
import { RELABEL_SETTING } from './relabel-setting';

export type EnginePhase = 'starting' | 'preparing' | 'ready' | 'error';

interface DetectionState {
  models: ModelManifest[];
  model: ModelManifest | null;
  /** What the model runs with (detectors: a low score floor): part of the cache key. */
  params: DetectRunParams | ClassifyParams | null;
  paramsHash: string | null;
  run: string | null;
  /** What is shown: a filter over cached results, never a reason to infer again. */
  scoreThreshold: number;
  backendChoice: BackendChoice;
  wasmThreads: EngineOptions['wasmThreads'];
  /** Inference workers for batches and tiled images ('auto': from the cores and memory). */
  workers: NonNullable<EngineOptions['workers']>;
  phase: EnginePhase;
  /** Set when threaded WASM failed to start this session and the engine fell back to one thread. */
  threadsFellBack: boolean;
  /** Something the user should know that is not an error. */
  notice: string | null;
  report: PreparedReport | null;
  engineError: string | null;
  /** Results of the current model and parameters, by image SHA-256. */
  results: Record<string, PredictionRecord>;
  /** Images whose result was computed in this session (the rest came from the cache). */
  computedNow: Record<string, true>;
  failures: Record<string, string>;
  /** Images asked for one by one and not answered yet. */
  pending: Record<string, true>;
  batch: BatchProgress | null;
  /** Tiles done on the image being detected now, when it is tiled. */
  tileProgress: { imageSha256: string; done: number; total: number } | null;
  tiling: RunTiling;
  /** The box labeller chained after the detector (a library classifier's id), or null. */
  relabelWith: string | null;
  /** Chains a box labeller after the detector (another run key, so its own cached results), or none. */
  setRelabel(labellerId: string | null): Promise<void>;
  init(): Promise<void>;
  setTiling(tiling: RunTiling): Promise<void>;
  /** The 16-bit stretch setting changed: another run key, so other cached results (see state/raster). */
  stretchChanged(): Promise<void>;
  selectModel(id: string): Promise<void>;
  setBackendChoice(choice: BackendChoice): Promise<void>;
  setWasmThreads(threads: EngineOptions['wasmThreads']): Promise<void>;
  setWorkers(workers: NonNullable<EngineOptions['workers']>): Promise<void>;
  setScoreThreshold(value: number): void;
  /** Tensors held and inferences run by the worker, for the diagnostics line (memory must stay flat). */
  stats: EngineStats | null;
  refreshStats(): Promise<void>;
  /** Forgets the remembered backend of the current model and probes the backends again. */
  reverifyBackend(): Promise<void>;
  /** Runs the model on one image; a run of thousands of tiles asks first (`confirmed` once it has). */
  detect(image: ImageRecord, confirmed?: boolean): Promise<void>;
  detectAll(images: ImageRecord[], confirmed?: boolean): Promise<void>;
  pauseBatch(): Promise<void>;
  resumeBatch(): Promise<void>;
  cancelBatch(): Promise<void>;
  /** After the open project changed: the worker uses its database, and its cached results and jobs show. */
  switchProject(): Promise<void>;
  /** Results another tab stored for the run shown here. */
  showStored(run: string, sha256s: readonly string[]): Promise<void>;
  dismissNotice(): void;
  /** After the model library changed: the models listed again; `select` picks one (a model just added). */
  reloadModels(select?: string): Promise<void>;
}

let prepared: Promise<PreparedReport> | null = null;
let started: Promise<void> | null = null;
const thresholdKey = (modelId: string) => `scoreThreshold:${modelId}` as const;

export const useDetection = create<DetectionState>((set, get) => {
  async function ensurePrepared(): Promise<PreparedReport> {
    const { model, backendChoice } = get();
    if (!model) throw new Error('no model selected');
    prepared ??= (async () => {
      set({ phase: 'preparing', engineError: null });
      try {
        const rememberedKey = `verifiedBackend:${model.id}` as const;
        const remembered = await readSetting<Pick<BackendReport, 'backend' | 'device'> | undefined>(await database(), rememberedKey, undefined);
        const report = await inferenceEngine().prepare(model.id, backendChoice, remembered);
        set({ phase: 'ready', report });
        // Only a preference: if it cannot be saved the engine still runs, and the next start probes again.
        if (!report.forced) await remember(rememberedKey, { backend: report.backend, device: report.device }, 'The verified backend');
        return report;
      } catch (error) {
        prepared = null;
        set({ phase: 'error', engineError: errorMessage(error) });
        throw error;
      }
    })();
    return prepared;
  }

  /** Saves a preference; storage that refuses it (full) is a notice, never an engine failure. */
  async function remember(key: SettingKey, value: unknown, what: string): Promise<void> {
    try {
      await writeSetting(await database(), key, value);
    } catch (error) {
      set({ notice: `${what} is not remembered after a reload: ${errorMessage(error)}` });
    }
  }

  /** `chosen`: a tiling just picked, which holds even when storage could not keep it. */
  async function loadResults(model: ModelManifest, chosen?: RunTiling): Promise<void> {
    const tiling = chosen ?? (await readSetting(await database(), 'tiling', DEFAULT_RUN_TILING));
    const stretch = await readSetting(await database(), STRETCH_SETTING, DEFAULT_STRETCH);
    const relabelWith = await readSetting<string | null>(await database(), RELABEL_SETTING, null);
    const labeller = get().models.find((m) => m.id === relabelWith);
    const relabel = relabelParams(model, labeller);
    const params = inferenceParams(model, tiling, stretch, relabel);
    const hash = await paramsHash(params);
    const run = runKey(model, hash);
    const cached = await predictionsForRun(await database(), run);
    const defaultThreshold = model.task === 'detect' ? defaultParams(model).scoreThreshold : 0;
    const scoreThreshold = await readSetting(await database(), thresholdKey(model.id), defaultThreshold);
    set({ model, params, paramsHash: hash, run, scoreThreshold, tiling, relabelWith: relabel?.modelId ?? null, results: Object.fromEntries(cached), computedNow: {}, failures: {} });
  }

  /** What the large-run estimate needs: tiling, the model's input, the time of one run here. */
  function runPlan() {
    const { model, tiling, report } = get();
    // A classifier sees each image once, whatever the tiling setting.
    return { tiling: model!.task === 'classify' ? { ...tiling, mode: 'whole' as const } : tiling, input: model!.input, msPerRun: report?.warmupMs ?? null };
  }

  /** A job for these images with the current model and parameters. */
  function jobSpec(imageSha256s: string[]): JobSpec {
    const { model, params, paramsHash: hash, run } = get();
    if (!model || !params || !hash || !run) throw new Error('no model ready');
    return { modelId: model.id, runKey: run, paramsHash: hash, params, imageSha256s };
  }

  function onWorkerEvent(event: WorkerEvent): void {
    if (event.type === 'result') {
      const { record } = event;
      set((s) => {
        const { [record.imageSha256]: _answered, ...pending } = s.pending;
        if (record.runKey !== s.run) return { pending };
        return {
          pending,
          results: { ...s.results, [record.imageSha256]: record },
          computedNow: event.fromCache ? withoutKey(s.computedNow, record.imageSha256) : { ...s.computedNow, [record.imageSha256]: true as const },
        };
      });
      if (!event.fromCache) announceStored(record.runKey, record.imageSha256);
    } else if (event.type === 'failure') {
      set((s) => {
        const { [event.imageSha256]: _answered, ...pending } = s.pending;
        return { pending, failures: { ...s.failures, [event.imageSha256]: event.reason } };
      });
    } else if (event.type === 'tiles') {
      const { imageSha256, done, total } = event;
      set({ tileProgress: done < total ? { imageSha256, done, total } : null });
    } else if (event.type === 'progress') {
      const { progress } = event;
      const over = progress.status === 'finished' || progress.status === 'cancelled';
      if (progress.total > 1) set({ batch: over ? null : progress });
      if (over) set({ tileProgress: null });
    }
  }

  /**
   * The min score last set for the model last used, read before the worker starts (a second or more), so the
   * suggestions an analyst hid with it stay hidden in a reopened tab from the first moment.
   */
  async function restoreThreshold(): Promise<void> {
    const modelId = await readSetting<string | null>(await database(), 'modelId', null);
    const saved = modelId && (await readSetting<number | null>(await database(), thresholdKey(modelId), null));
    if (typeof saved === 'number' && !get().model) set({ scoreThreshold: saved });
  }

  async function start(): Promise<void> {
    try {
      await restoreThreshold();
      const engine = inferenceEngine();
      const wasmThreads = await readSetting<EngineOptions['wasmThreads']>(await database(), 'wasmThreads', 'auto');
      const workers = await readSetting<NonNullable<EngineOptions['workers']>>(await database(), 'inferenceWorkers', 'auto');
      await engine.configure({ wasmThreads: get().threadsFellBack ? 1 : wasmThreads, workers });
      await engine.subscribe(callback(onWorkerEvent));
      await engine.useDatabase(await databaseName());
      const models = await engine.listModels();
      const savedModel = await readSetting<string | null>(await database(), 'modelId', null);
      const backendChoice = await readSetting<BackendChoice>(await database(), 'backendChoice', 'auto');
      const model = models.find((m) => m.id === savedModel) ?? models[0] ?? null;
      set({ models, backendChoice, wasmThreads, workers });
      if (!model) throw new Error('no bundled models found: run npm install');
      if (model.id !== savedModel) void remember('modelId', model.id, 'The model choice'); // so the next start knows its min score at once
      await loadResults(model);
      await ensurePrepared();
      await resumeJobs();
    } catch (error) {
      set({ phase: 'error', engineError: errorMessage(error) });
    }
  }

  async function resumeJobs(): Promise<void> {
    const unfinished = await inferenceEngine().resumeUnfinishedJobs();
    const paused = unfinished.find((job) => job.status === 'paused');
    if (paused && !get().batch) {
      const failed = Object.keys(paused.failures).length;
      set({ batch: { jobId: paused.id, status: 'paused', done: paused.done, total: paused.imageSha256s.length, failed, imagesPerSecond: null, etaSeconds: null } });
    }
  }

  /**
   * The threaded WASM build needs cross-origin isolation and blob: pthread workers; where those fail (a server
   * without the headers, a stricter CSP) the worker dies while starting. Then run single-threaded instead.
   */
  function onCrash(message: string): void {
    prepared = null;
    const { wasmThreads, phase, threadsFellBack } = get();
    if (wasmThreads === 'auto' && phase !== 'ready' && !threadsFellBack) {
      console.warn('threaded WASM failed to start:', message);
      set({ threadsFellBack: true, notice: 'Threaded WASM did not start in this browser; running single-threaded.' });
      void restartEngine();
      return;
    }
    set({ phase: 'error', engineError: `The inference worker stopped: ${message}` });
  }
  onEngineCrash(onCrash);

  async function restartEngine(): Promise<void> {
    restartInferenceEngine();
    prepared = null;
    started = null;
    set({ report: null, phase: 'starting', batch: null, pending: {} });
    await get().init();
  }

  return {
    models: [],
    model: null,
    params: null,
    paramsHash: null,
    run: null,
    // Until the model's own (or the saved) min score is known every suggestion is drawn: each was made at or above a threshold.
    scoreThreshold: CANDIDATE_SCORE_FLOOR,
    backendChoice: 'auto',
    wasmThreads: 'auto',
    workers: 'auto',
    phase: 'starting',
    threadsFellBack: false,
    notice: null,
    report: null,
    engineError: null,
    results: {},
    computedNow: {},
    failures: {},
    pending: {},
    batch: null,
    tileProgress: null,
    tiling: DEFAULT_RUN_TILING,
    relabelWith: null,

    async setRelabel(labellerId) {
      const { model } = get();
      await writeSetting(await database(), RELABEL_SETTING, labellerId);
      if (model) await loadResults(model);
    },

    init() {
      started ??= start();
      return started;
    },

    async selectModel(id) {
      const model = get().models.find((m) => m.id === id);
      if (!model || model.id === get().model?.id) return;
      prepared = null;
      set({ report: null });
      await remember('modelId', id, 'The model choice');
      await loadResults(model);
      await ensurePrepared().catch(() => undefined);
    },

    async setBackendChoice(choice) {
      await remember('backendChoice', choice, 'The backend choice');
      set({ backendChoice: choice });
      await restartEngine(); // a fresh worker: no backend state left over from the previous choice
    },

    async setWasmThreads(threads) {
      await remember('wasmThreads', threads, 'The WASM threads setting');
      set({ wasmThreads: threads, threadsFellBack: false, notice: null });
      await restartEngine(); // the WASM build is chosen once per worker
    },

    async setWorkers(workers) {
      await writeSetting(await database(), 'inferenceWorkers', workers);
      set({ workers });
      await restartEngine(); // lanes are started once per worker
    },

    async stretchChanged() {
      const { model } = get();
      if (model) await loadResults(model);
    },

    async setTiling(tiling) {
      const { model } = get();
      await remember('tiling', tiling, 'The tiling setting');
      if (model) await loadResults(model, tiling); // another run key: cached results of this setting, if any, come back
    },

    stats: null,

    async refreshStats() {
      set({ stats: await inferenceEngine().stats() });
    },

    async reverifyBackend() {
      const { model } = get();
      if (!model) return;
      await remember(`verifiedBackend:${model.id}`, undefined, 'Forgetting the verified backend');
      await restartEngine();
    },

    setScoreThreshold(value) {
      const { model } = get();
      set({ scoreThreshold: value });
      if (model) void remember(thresholdKey(model.id), value, 'The min score');
    },

    async detect(image, confirmed = false) {
      await get().init(); // a key pressed while the engine still starts is served, not dropped
      const { model, params, run, results, pending } = get();
      // Asked again for a result it has: answered from the cache, and said so (no model run).
      if (results[image.sha256]) set((s) => ({ computedNow: withoutKey(s.computedNow, image.sha256) }));
      if (!model || !params || !run || results[image.sha256] || pending[image.sha256]) return;
      if (!confirmed && askBeforeLargeRun([image], runPlan(), () => void get().detect(image, true))) return;
      set((s) => ({ pending: { ...s.pending, [image.sha256]: true }, failures: withoutKey(s.failures, image.sha256) }));
      try {
        await ensurePrepared();
        await inferenceEngine().startJob(jobSpec([image.sha256]));
      } catch (error) {
        set((s) => ({ pending: withoutKey(s.pending, image.sha256), failures: { ...s.failures, [image.sha256]: errorMessage(error) } }));
      }
    },

    async detectAll(images, confirmed = false) {
      await get().init();
      const { model, params, run, results, batch } = get();
      if (!model || !params || !run || batch) return;
      const left = images.filter((i) => !results[i.sha256]);
      const todo = left.map((i) => i.sha256);
      if (todo.length === 0) return;
      if (!confirmed && askBeforeLargeRun(left, runPlan(), () => void get().detectAll(images, true))) return;
      await ensurePrepared();
      const job = await inferenceEngine().startJob(jobSpec(todo));
      if (!get().batch && todo.length > 1) {
        set({ batch: { jobId: job.id, status: 'running', done: 0, total: todo.length, failed: 0, imagesPerSecond: null, etaSeconds: null } });
      }
    },

    async pauseBatch() {
      const { batch } = get();
      if (batch?.status === 'running') await inferenceEngine().pauseJob(batch.jobId);
    },

    async resumeBatch() {
      const { batch } = get();
      if (batch?.status !== 'paused') return;
      set({ batch: { ...batch, status: 'running' } });
      await inferenceEngine().resumeJob(batch.jobId);
    },

    async cancelBatch() {
      const { batch } = get();
      if (batch) await inferenceEngine().cancelJob(batch.jobId);
    },

    async reloadModels(select) {
      await get().init();
      const models = await inferenceEngine().listModels();
      set({ models });
      const current = get().model;
      const { relabelWith } = get();
      // A box labeller removed from the library leaves the run: its results are another run's.
      if (current && relabelWith && !models.some((m) => m.id === relabelWith)) await loadResults(current);
      const wanted = select ?? (current && models.some((m) => m.id === current.id) ? undefined : models[0]?.id);
      if (!wanted) {
        if (current) set({ model: models.find((m) => m.id === current.id) ?? current }); // a rename shows
        return;
      }
      if (current?.id === wanted) return;
      set({ model: null });
      await get().selectModel(wanted);
    },

    async showStored(storedRun, sha256s) {
      if (storedRun !== get().run) return;
      const db = await database();
      const records = (await Promise.all(sha256s.map((sha) => getPrediction(db, predictionKey(sha, storedRun))))).filter((r) => r !== undefined);
      set((s) => (s.run === storedRun ? { results: { ...s.results, ...Object.fromEntries(records.map((r) => [r.imageSha256, r])) } } : {}));
    },

    dismissNotice() {
      set({ notice: null });
    },

    async switchProject() {
      await get().cancelBatch();
      set({ batch: null, pending: {}, results: {}, computedNow: {}, failures: {}, tileProgress: null });
      if (!started) return; // init() will open the new project's database itself
      await started;
      await inferenceEngine().useDatabase(await databaseName());
      const { model } = get();
      if (model) await loadResults(model);
      await resumeJobs();
    },
  };
});

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** Results stored in a burst (a batch) are told to other tabs together, a quarter of a second at a time. */
const stored = new Map<string, string[]>();
let storedTimer: ReturnType<typeof setTimeout> | undefined;
function announceStored(run: string, sha256: string): void {
  stored.set(run, [...(stored.get(run) ?? []), sha256]);
  storedTimer ??= setTimeout(() => {
    storedTimer = undefined;
    const runs = [...stored];
    stored.clear();
    for (const [runKey, sha256s] of runs) void publish({ type: 'results-stored', runKey, sha256s, origin: 'this-tab' });
  }, 250);
}

on('project-closing', () => useDetection.getState().cancelBatch());
// The worker follows in the background: a worker that died must not hold the switch (a deletion waits for its connection anyway).
on('project-opened', () => void useDetection.getState().switchProject());
on('images-deleted', ({ sha256s }) => {
  const gone = new Set(sha256s);
  useDetection.setState((s) => ({ results: Object.fromEntries(Object.entries(s.results).filter(([sha]) => !gone.has(sha))) }));
});
on('results-stored', ({ runKey: run, sha256s, origin }) => (origin === 'other-tab' ? useDetection.getState().showStored(run, sha256s) : undefined));
