// An inference lane: the inference worker's own script started again as a nested worker named "inference-lane",
// holding its own Engine and copy of the model. It reads nothing itself (model files come from the inference
// worker, pixels with each run) and writes nothing: the inference worker stays the one writer.
import * as Comlink from 'comlink';
import type { DetectParams } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import { type BackendName, deviceSignature } from './backends';
import { Engine, type EngineClassification, type EngineDetection } from './engine';
import type { ReadModelFile } from './model-files';
import { configureWasmThreads, wasmThreadsInUse } from './tf';

export const LANE_WORKER_NAME = 'inference-lane';

export const isLaneWorker = () => typeof self !== 'undefined' && (self as { name?: string }).name === LANE_WORKER_NAME;

export interface LaneApi {
  /** First call: WASM threads for this lane (before its backend starts) and where model files come from. */
  start(threads: number, readFile: ReadModelFile): Promise<void>;
  /** Loads the model and runs it once on `backend`, the one the inference worker verified; returns the threads used. */
  load(manifest: ModelManifest, modelDir: string, backend: BackendName): Promise<number>;
  detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection>;
  classify(modelId: string, pixels: RgbaPixels, params: ClassifyParams): Promise<EngineClassification>;
  release(modelId: string): Promise<void>;
}

export function exposeLane(): void {
  let engine: Engine | undefined;
  let read: ReadModelFile | undefined;
  const ready = () => {
    if (!engine || !read) throw new Error('the inference lane was not started');
    return { engine, read };
  };
  const api: LaneApi = {
    async start(threads, readFile) {
      configureWasmThreads(threads);
      read = readFile;
      engine = new Engine({ readFile, backends: ['wasm', 'cpu'], now: () => performance.now() });
    },
    async load(manifest, modelDir, backend) {
      const lane = ready();
      await lane.engine.loadWith(manifest, lane.read, modelDir);
      // The inference worker verified this backend on this device: reused as a remembered choice, no probe.
      const report = await lane.engine.prepare(manifest.id, 'auto', { backend, device: await deviceSignature() });
      return report.threads ?? wasmThreadsInUse();
    },
    detect: (modelId, pixels, params) => ready().engine.detect(modelId, pixels, params),
    classify: (modelId, pixels, params) => ready().engine.classify(modelId, pixels, params),
    release: (modelId) => ready().engine.release(modelId),
  };
  Comlink.expose(api);
}
