// The inference worker's side of its lanes: starts them (this same script again, as nested workers), hands each
// the model the first time it is asked to run it, and turns a lane that died into an error instead of a hang.
import * as Comlink from 'comlink';
import type { DetectParams } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import type { BackendName } from './backends';
import type { EngineClassification, EngineDetection } from './engine';
import { type Detector, LanePool } from './lane-pool';
import type { ReadModelFile } from './model-files';
import { LANE_WORKER_NAME, type LaneApi } from './worker-lane';

/** What a lane needs to run a model as the inference worker does. */
export interface LaneModel {
  manifest: ModelManifest;
  modelDir: string;
  /** The backend the inference worker verified for this model. */
  backend: BackendName;
}

export interface LaneSet {
  pool: LanePool;
  /** WASM threads of each lane. */
  threads: number;
  release(modelId: string): Promise<void>;
  terminate(): void;
}

class WorkerLane implements Detector {
  private readonly models = new Map<string, Promise<void>>();
  private readonly died: Promise<never>;

  constructor(
    private readonly worker: Worker,
    private readonly api: Comlink.Remote<LaneApi>,
    private readonly describe: (modelId: string) => Promise<LaneModel>,
  ) {
    this.died = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => reject(new Error(`an inference lane stopped: ${event.message || 'unknown error'}`)));
    });
    this.died.catch(() => undefined); // reported through the calls that were waiting on it
  }

  /** Settles with the call, or fails when the lane dies first (comlink alone would wait forever). */
  private call<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.died]);
  }

  start(threads: number, readFile: ReadModelFile): Promise<void> {
    return this.call(this.api.start(threads, Comlink.proxy(readFile)));
  }

  private ensure(modelId: string): Promise<void> {
    let loaded = this.models.get(modelId);
    if (!loaded) {
      loaded = this.describe(modelId).then(async ({ manifest, modelDir, backend }) => {
        await this.call(this.api.load(manifest, modelDir, backend));
      });
      loaded.catch(() => this.models.delete(modelId));
      this.models.set(modelId, loaded);
    }
    return loaded;
  }

  async detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection> {
    await this.ensure(modelId);
    return this.call(this.api.detect(modelId, pixels, params));
  }

  async classify(modelId: string, pixels: RgbaPixels, params: ClassifyParams): Promise<EngineClassification> {
    await this.ensure(modelId);
    return this.call(this.api.classify(modelId, pixels, params));
  }

  async release(modelId: string): Promise<void> {
    if (!this.models.has(modelId)) return;
    this.models.delete(modelId);
    await this.call(this.api.release(modelId));
  }

  terminate(): void {
    this.api[Comlink.releaseProxy]();
    this.worker.terminate();
  }
}

/**
 * `count` lanes of `threads` WASM threads each. `scriptUrl` is the inference worker's own script; `readFile` is how
 * the inference worker reads model files (bundled or from the library), lent to the lanes.
 */
export async function startLaneWorkers(
  scriptUrl: string,
  count: number,
  threads: number,
  readFile: ReadModelFile,
  describe: (modelId: string) => Promise<LaneModel>,
): Promise<LaneSet> {
  const lanes = await Promise.all(
    Array.from({ length: count }, async () => {
      const worker = new Worker(scriptUrl, { type: 'module', name: LANE_WORKER_NAME });
      const lane = new WorkerLane(worker, Comlink.wrap<LaneApi>(worker), describe);
      await lane.start(threads, readFile);
      return lane;
    }),
  );
  return {
    pool: new LanePool(lanes),
    threads,
    release: async (modelId) => void (await Promise.all(lanes.map((lane) => lane.release(modelId)))),
    terminate: () => lanes.forEach((lane) => lane.terminate()),
  };
}
