import { describe, expect, it } from 'vitest';
import type { DetectParams, Detection } from '../../src/domain/detection';
import type { RgbaPixels } from '../../src/domain/image';
import { memoryRasterSource } from '../../src/domain/raster-source';
import type { EngineDetection } from '../../src/ml/engine';
import { type Detector, LanePool, laneCount, threadsPerLane } from '../../src/ml/lane-pool';
import { detectTiled, type TileCheckpoint } from '../../src/ml/tiled';

const params: DetectParams = { scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 };

/** Grey with a few bright squares: what a tile holds decides what the fake model says about it. */
function scene(width: number, height: number): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(100);
  const squares = [
    [40, 40, 60],
    [230, 180, 90],
    [600, 90, 40],
    [700, 420, 120],
    [380, 380, 50],
  ];
  for (const [sx, sy, size] of squares) {
    for (let y = sy!; y < sy! + size!; y++) for (let x = sx!; x < sx! + size!; x++) data.set([250, 250, 250, 255], (y * width + x) * 4);
  }
  return { data, width, height };
}

/**
 * A model standing in for the real one: one box per bright row run it sees, with a score from the pixels, so the
 * answer depends only on the tile. Each call waits a pseudo-random time, so parallel calls finish out of order.
 */
function fakeModel(lanes: number, seed = 1) {
  let running = 0;
  let mostAtOnce = 0;
  let random = seed;
  const delay = () => {
    random = (random * 48271) % 2147483647;
    return new Promise((resolve) => setTimeout(resolve, random % 7));
  };
  const detector: Detector = {
    lanes,
    async detect(_modelId: string, pixels: RgbaPixels): Promise<EngineDetection> {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await delay();
      const detections: Detection[] = [];
      for (let y = 0; y < pixels.height; y += 16) {
        let start = -1;
        for (let x = 0; x <= pixels.width; x++) {
          const bright = x < pixels.width && pixels.data[(y * pixels.width + x) * 4]! > 200;
          if (bright && start < 0) start = x;
          if (!bright && start >= 0) {
            detections.push({ label: 'square', classIndex: 0, score: 0.3 + (x - start) / 1000, box: { x: start, y, w: x - start, h: 16 } });
            start = -1;
          }
        }
      }
      running--;
      return { detections, backend: 'wasm', timings: { preprocessMs: 1, inferenceMs: 2, postprocessMs: 0 } };
    },
    classify: () => Promise.reject(new Error('not a classifier')),
  };
  return { detector, mostAtOnce: () => mostAtOnce };
}

const tiling = { tileSize: 256, overlap: 0.2, wholeImagePass: true };

describe('tiles on several lanes', () => {
  it('give exactly what one lane gives, with progress and checkpoints in the grid order', async () => {
    const source = memoryRasterSource(scene(1000, 700));
    const oneLane: TileCheckpoint[] = [];
    const one = await detectTiled(fakeModel(1).detector, 'm', source, params, tiling, (_p, c) => oneLane.push({ done: c.done, gathered: [...c.gathered] }));
    const four = fakeModel(4, 7);
    const checkpoints: TileCheckpoint[] = [];
    const parallel = await detectTiled(four.detector, 'm', source, params, tiling, (_p, c) => checkpoints.push({ done: c.done, gathered: [...c.gathered] }));
    expect(four.mostAtOnce()).toBe(4);
    expect(parallel.detections).toEqual(one.detections);
    expect(parallel.rawDetections).toBe(one.rawDetections);
    expect(checkpoints.map((c) => c.done)).toEqual(Array.from({ length: parallel.tiles + 1 }, (_, i) => i + 1));
    expect(checkpoints).toEqual(oneLane);
    // A checkpoint holds the tiles before it and nothing after: resuming from any of them gives the same result.
    const resumed = await detectTiled(fakeModel(3, 11).detector, 'm', source, params, tiling, undefined, undefined, checkpoints[6]);
    expect(resumed.detections).toEqual(one.detections);
  });

  it('stop on abort once the runs under way have ended, keeping only whole tiles in order', async () => {
    const source = memoryRasterSource(scene(1000, 700));
    const abort = new AbortController();
    const checkpoints: TileCheckpoint[] = [];
    const model = fakeModel(3, 5);
    const run = detectTiled(model.detector, 'm', source, params, tiling, (_p, c) => {
      checkpoints.push({ done: c.done, gathered: [...c.gathered] });
      if (c.done === 4) abort.abort(new Error('paused'));
    }, abort.signal);
    await expect(run).rejects.toThrow('paused');
    const last = checkpoints.at(-1)!;
    expect(last.done).toBeGreaterThanOrEqual(4);
    const finished = await detectTiled(fakeModel(2, 3).detector, 'm', source, params, tiling, undefined, undefined, last);
    expect(finished.detections).toEqual((await detectTiled(fakeModel(1).detector, 'm', source, params, tiling)).detections);
  });
});

describe('LanePool', () => {
  it('runs at most one call per lane at a time, first come first served, and answers each caller', async () => {
    const started: string[] = [];
    let busy = 0;
    let most = 0;
    const lane = (name: string): Detector => ({
      async detect(modelId) {
        started.push(modelId);
        busy++;
        most = Math.max(most, busy);
        await new Promise((resolve) => setTimeout(resolve, 3));
        busy--;
        return { detections: [], backend: name as EngineDetection['backend'], timings: { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } };
      },
      classify: () => Promise.reject(new Error('unused')),
    });
    const pool = new LanePool([lane('wasm'), lane('cpu')]);
    const pixels = { data: new Uint8ClampedArray(4), width: 1, height: 1 };
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => pool.detect(id, pixels, params)));
    expect(pool.lanes).toBe(2);
    expect(most).toBe(2);
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(answers).toHaveLength(5);
  });

  it('hands a lane on after a failed call', async () => {
    let calls = 0;
    const pool = new LanePool([
      {
        detect: async () => {
          if (++calls === 1) throw new Error('lane stopped');
          return { detections: [], backend: 'wasm', timings: { preprocessMs: 0, inferenceMs: 0, postprocessMs: 0 } };
        },
        classify: () => Promise.reject(new Error('unused')),
      },
    ]);
    const pixels = { data: new Uint8ClampedArray(4), width: 1, height: 1 };
    const [first, second] = await Promise.allSettled([pool.detect('m', pixels, params), pool.detect('m', pixels, params)]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
  });
});

describe('laneCount', () => {
  const MB = 2 ** 20;
  it('gives one lane per core on the CPU backends, within a quarter of the memory', () => {
    expect(laneCount('auto', 'wasm', 2, 8, 150 * MB)).toBe(2);
    expect(laneCount('auto', 'wasm', 16, 8, 150 * MB)).toBe(8); // at most 8
    expect(laneCount('auto', 'wasm', 8, 1, 150 * MB)).toBe(1); // 256 MB hold one 150 MB lane
    expect(laneCount('auto', 'cpu', 4, undefined, 150 * MB)).toBe(4); // memory not reported: by cores
    expect(laneCount('auto', 'wasm', 1, 8, 150 * MB)).toBe(1);
  });

  it('gives a GPU backend one lane, and follows a number that is set', () => {
    expect(laneCount('auto', 'webgl', 8, 8, 150 * MB)).toBe(1);
    expect(laneCount(3, 'wasm', 2, 8, 150 * MB)).toBe(3);
    expect(laneCount(3, 'webgpu', 2, 8, 150 * MB)).toBe(1);
  });

  it('shares the cores out as threads', () => {
    expect(threadsPerLane(2, 2)).toBe(1);
    expect(threadsPerLane(8, 2)).toBe(4);
    expect(threadsPerLane(2, 4)).toBe(1);
  });
});
