// The typed contract between the main thread and the inference worker (carried by comlink).
import type { AreaProgress } from '../domain/area-run';
import type { BatchJob } from '../domain/batch';
import type { AreaEvent, AreaSpec } from './worker-areas';
import type { PredictionRecord } from '../domain/prediction';
import type { BatchEvent } from './batch-runner';
import type { ModelManifest } from '../domain/model-manifest';
import type { BackendChoice, BackendReport } from './backends';
import type { Detection } from '../domain/detection';
import type { PickedFile } from '../domain/model-import/files';
import type { Proposal } from '../domain/model-import/propose';
import type { Tag } from '../domain/tag';
import type { DetectTimings } from './engine';

export interface EngineStats {
  numTensors: number;
  numBytes: number;
  /** Inferences on user images in this worker's life (probe and warm-up runs excluded). */
  inferences: number;
  /** Model runs the batch workers (lanes) made, and how many lanes there are (0: none started). */
  laneRuns: number;
  lanes: number;
}

export interface EngineOptions {
  /** 'auto': threaded WASM where the page is cross-origin isolated; 1: single-threaded. */
  wasmThreads: 'auto' | 1;
  /** Inference workers (lanes) for batches and tiled images: 'auto' from the cores and memory, or a number. */
  workers?: 'auto' | number;
}

/** A backend report with how batches will run: on how many lanes, with how many WASM threads each. */
export type PreparedReport = BackendReport & { batch?: { lanes: number; threads: number } };

/** What the page asks for: run one model over these images with these parameters. */
export type JobSpec = Pick<BatchJob, 'modelId' | 'runKey' | 'paramsHash' | 'params' | 'imageSha256s'>;

export type WorkerEvent =
  | BatchEvent
  /** Progress of an area run (Detect area), and its end. */
  | AreaEvent
  | { type: 'result'; jobId: string; record: PredictionRecord; fromCache: boolean }
  /** Tiles finished on the image a job is working on now. */
  | { type: 'tiles'; jobId: string; imageSha256: string; done: number; total: number };

/** Files someone picked in Add model…, read and proposed, waiting in the worker to be tried or saved. */
export interface DraftModel {
  draftId: string;
  proposal: Proposal;
  /** What the files came from: "folder yolo_web_model", "tm-model.zip". */
  origin: string;
  /** The model's files together. */
  bytes: number;
}

/** A draft run on one image: what it found, where it ran and how long it took. */
export interface TryResult {
  modelId: string;
  report: BackendReport;
  imageWidth: number;
  imageHeight: number;
  detections?: Detection[];
  tags?: Tag[];
  timings: DetectTimings;
  /** Reading and decoding the image included. */
  totalMs: number;
}

export interface EngineApi {
  /** Call first, before any model is loaded: backend options that cannot change once a backend started. */
  configure(options: EngineOptions): Promise<void>;
  /** The open project's database, where jobs read images and write results; call before resumeUnfinishedJobs. */
  useDatabase(dbName: string): Promise<void>;
  /** Manifests of the bundled models (models/index.json), then those of the model library. */
  listModels(): Promise<ModelManifest[]>;
  /** Reads a model's files (a folder, loose files or a zip), checks them, runs the model once and proposes a manifest. */
  inspectModel(files: PickedFile[]): Promise<DraftModel>;
  /** Runs the draft with this manifest on an image of the open project. */
  tryDraft(draftId: string, manifest: ModelManifest, imageSha256: string, choice: BackendChoice): Promise<TryResult>;
  /** Adds the draft to the model library as a new version; returns its stored manifest. */
  saveDraft(draftId: string, manifest: ModelManifest, name: string): Promise<{ manifest: ModelManifest; added: boolean }>;
  closeDraft(draftId: string): Promise<void>;
  /** Loads (hash-checked) and picks a verified backend; warm-up included. */
  prepare(modelId: string, choice: BackendChoice, remembered?: Pick<BackendReport, 'backend' | 'device'>): Promise<PreparedReport>;
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
