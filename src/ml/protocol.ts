// The typed contract between the main thread and the inference worker (carried by comlink).
import type { AreaProgress } from '../domain/area-run';
import type { BatchJob } from '../domain/batch';
import type { AreaEvent, AreaSpec } from './worker-areas';
import type { PredictionRecord } from '../domain/prediction';
import type { BatchEvent } from './batch-runner';
import type { ModelManifest } from '../domain/model-manifest';
import type { BackendChoice, BackendReport } from './backends';

export interface EngineStats {
  numTensors: number;
  numBytes: number;
  /** Inferences on user images in this worker's life (probe and warm-up runs excluded). */
  inferences: number;
}

export interface EngineOptions {
  /** 'auto': threaded WASM where the page is cross-origin isolated; 1: single-threaded. */
  wasmThreads: 'auto' | 1;
}

/** What the page asks for: run one model over these images with these parameters. */
export type JobSpec = Pick<BatchJob, 'modelId' | 'runKey' | 'paramsHash' | 'params' | 'imageSha256s'>;

export type WorkerEvent =
  | BatchEvent
  /** Progress of an area run (Detect area), and its end. */
  | AreaEvent
  | { type: 'result'; jobId: string; record: PredictionRecord; fromCache: boolean }
  /** Tiles finished on the image a job is working on now. */
  | { type: 'tiles'; jobId: string; imageSha256: string; done: number; total: number };

export interface EngineApi {
  /** Call first, before any model is loaded: backend options that cannot change once a backend started. */
  configure(options: EngineOptions): Promise<void>;
  /** The open project's database, where jobs read images and write results; call before resumeUnfinishedJobs. */
  useDatabase(dbName: string): Promise<void>;
  /** Manifests of the bundled models, read from models/index.json. */
  listModels(): Promise<ModelManifest[]>;
  /** Loads (hash-checked) and picks a verified backend; warm-up included. */
  prepare(modelId: string, choice: BackendChoice, remembered?: Pick<BackendReport, 'backend' | 'device'>): Promise<BackendReport>;
  /** Receives progress, results and failures of every job. */
  subscribe(listener: (event: WorkerEvent) => void): Promise<void>;
  startJob(spec: JobSpec): Promise<BatchJob>;
  pauseJob(jobId: string): Promise<void>;
  resumeJob(jobId: string): Promise<void>;
  cancelJob(jobId: string): Promise<void>;
  /** Jobs left unfinished by a reload or crash; running ones continue by themselves. */
  resumeUnfinishedJobs(): Promise<BatchJob[]>;
  /** Detect area: starts (or continues) the run of a model over an area's files; a finished run is only reported. */
  startArea(spec: AreaSpec): Promise<AreaProgress>;
  pauseArea(key: string): Promise<void>;
  resumeArea(key: string): Promise<void>;
  cancelArea(key: string): Promise<void>;
  /** Area runs left unfinished by a reload; running ones continue by themselves. */
  resumeUnfinishedAreas(): Promise<AreaProgress[]>;
  release(modelId: string): Promise<void>;
  stats(): Promise<EngineStats>;
}

export type { BackendChoice, BackendName, BackendReport, SkippedBackend } from './backends';
export type { AreaSpec } from './worker-areas';
