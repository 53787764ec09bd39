// Data parallelism: several engines (lanes), each in a worker of its own with its own copy of the model, take
// model runs from one queue. Whoever asks gets its own answer back, so callers keep their order themselves.
import type { DetectParams } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import type { ClassifyParams } from '../domain/tag';
import type { EngineClassification, EngineDetection } from './engine';

/** What runs a model on pixels: an Engine, a worker holding one, or a pool of them. */
export interface Detector {
  detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection>;
  classify(modelId: string, pixels: RgbaPixels, params: ClassifyParams): Promise<EngineClassification>;
  /** How many runs it can work on at once (1 unless it is a pool). */
  readonly lanes?: number;
}

/** Runs are handed to whichever lane is free, first come first served. */
export class LanePool implements Detector {
  private readonly idle: Detector[];
  private readonly waiting: ((lane: Detector) => void)[] = [];

  constructor(members: readonly Detector[]) {
    if (members.length === 0) throw new Error('a lane pool needs at least one lane');
    this.idle = [...members];
    this.lanes = members.length;
  }

  readonly lanes: number;
  /** Runs handed to a lane so far. */
  runs = 0;

  detect(modelId: string, pixels: RgbaPixels, params: DetectParams): Promise<EngineDetection> {
    return this.withLane((lane) => lane.detect(modelId, pixels, params));
  }

  classify(modelId: string, pixels: RgbaPixels, params: ClassifyParams): Promise<EngineClassification> {
    return this.withLane((lane) => lane.classify(modelId, pixels, params));
  }

  private async withLane<T>(task: (lane: Detector) => Promise<T>): Promise<T> {
    const lane = this.idle.pop() ?? (await new Promise<Detector>((resolve) => this.waiting.push(resolve)));
    this.runs++;
    try {
      return await task(lane);
    } finally {
      const next = this.waiting.shift();
      if (next) next(lane);
      else this.idle.push(lane);
    }
  }
}

/** The memory every lane may take together: a quarter of what the browser says the device has. */
const MEMORY_SHARE = 0.25;
const MAX_LANES = 8;

/**
 * How many lanes a batch gets. On the CPU backends (WASM, CPU) one per logical core, as many as a quarter of the
 * device's memory holds at `laneBytes` each (the engine's measured heap with the model loaded); a GPU backend
 * gets one, since lanes would only queue on the same GPU. `setting` forces a number.
 */
export function laneCount(
  setting: 'auto' | number,
  backend: string,
  cores: number,
  deviceMemoryGB: number | undefined,
  laneBytes: number,
): number {
  if (backend !== 'wasm' && backend !== 'cpu') return 1;
  if (setting !== 'auto') return Math.max(1, Math.min(MAX_LANES, Math.floor(setting)));
  const byMemory = deviceMemoryGB && laneBytes > 0 ? Math.floor((deviceMemoryGB * 2 ** 30 * MEMORY_SHARE) / laneBytes) : cores;
  return Math.max(1, Math.min(cores, byMemory, MAX_LANES));
}

/** WASM threads per lane: the cores shared out, at least one. */
export const threadsPerLane = (cores: number, lanes: number) => Math.max(1, Math.floor(cores / lanes));
