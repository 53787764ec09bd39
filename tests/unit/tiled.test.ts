import { describe, expect, it } from 'vitest';
import type { DetectParams, Detection } from '../../src/domain/detection';
import type { RgbaPixels } from '../../src/domain/image';
import { memoryRasterSource } from '../../src/domain/raster-source';
import type { EngineDetection } from '../../src/ml/engine';
import { detectTiled, detectWhole, type TileCheckpoint, type TiledProgress } from '../../src/ml/tiled';

const params: DetectParams = { scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 };

/** A grey image with red rectangles. */
function scene(width: number, height: number, reds: { x: number; y: number; w: number; h: number }[]): RgbaPixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  for (const r of reds) {
    for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) data.set([255, 0, 0, 255], (y * width + x) * 4);
  }
  return { data, width, height };
}

/** Stands in for the model: finds the bounding box of the red pixels it is shown, in the pixels' own coordinates. */
function redFinder() {
  const seen: { width: number; height: number }[] = [];
  const engine = {
    detect: async (_modelId: string, pixels: RgbaPixels, _params: DetectParams): Promise<EngineDetection> => {
      seen.push({ width: pixels.width, height: pixels.height });
      let x1 = Infinity;
      let y1 = Infinity;
      let x2 = -1;
      let y2 = -1;
      for (let y = 0; y < pixels.height; y++) {
        for (let x = 0; x < pixels.width; x++) {
          const i = (y * pixels.width + x) * 4;
          if (pixels.data[i]! > 200 && pixels.data[i + 1]! < 60) {
            x1 = Math.min(x1, x);
            y1 = Math.min(y1, y);
            x2 = Math.max(x2, x + 1);
            y2 = Math.max(y2, y + 1);
          }
        }
      }
      const detections: Detection[] =
        x2 < 0 ? [] : [{ label: 'person', classIndex: 0, score: 0.5 + 0.001 * seen.length, box: { x: x1, y: y1, w: x2 - x1, h: y2 - y1 } }];
      return { detections, backend: 'cpu', timings: { preprocessMs: 1, inferenceMs: 2, postprocessMs: 0 } };
    },
  };
  return { engine, seen };
}

describe('detectTiled', () => {
  it('continues from a checkpoint: only the remaining tiles run, and the result equals an uninterrupted run', async () => {
    const source = memoryRasterSource(scene(1000, 600, [{ x: 300, y: 200, w: 300, h: 200 }]));
    const tiling = { tileSize: 256, overlap: 0.2, wholeImagePass: false };
    const full = redFinder();
    const checkpoints: TileCheckpoint[] = [];
    const whole = await detectTiled(full.engine, 'm', source, params, tiling, (_p, c) => checkpoints.push({ done: c.done, gathered: [...c.gathered] }));
    const cut = checkpoints[4]!; // as saved after the fifth tile
    const rest = redFinder();
    const resumed = await detectTiled(rest.engine, 'm', source, params, tiling, undefined, undefined, cut);
    expect(rest.seen).toHaveLength(full.seen.length - 5);
    expect(resumed.detections.map((d) => d.box)).toEqual(whole.detections.map((d) => d.box));
  });

  it('finds an object cut by tile borders once, in image coordinates, feeding the model whole tiles', async () => {
    const source = memoryRasterSource(scene(1000, 600, [{ x: 300, y: 200, w: 300, h: 200 }]));
    const { engine, seen } = redFinder();
    const progress: TiledProgress[] = [];
    const result = await detectTiled(engine, 'm', source, params, { tileSize: 256, overlap: 0.2, wholeImagePass: false }, (p) =>
      progress.push(p),
    );
    expect(result.tiles).toBe(15); // x 0, 205, 410, 615, 744; y 0, 205, 344
    expect(seen.every((s) => s.width === 256 && s.height === 256)).toBe(true);
    expect(result.rawDetections).toBeGreaterThan(1);
    expect(result.detections.map((d) => d.box)).toEqual([{ x: 300, y: 200, w: 300, h: 200 }]);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === 15)).toBe(true);
    expect(result.backend).toBe('cpu');
    expect(result.timings.inferenceMs).toBe(30);
  });

  it('keeps two objects in different tiles apart', async () => {
    const source = memoryRasterSource(scene(1000, 600, [{ x: 20, y: 20, w: 50, h: 50 }, { x: 900, y: 500, w: 60, h: 40 }]));
    const { engine } = redFinder();
    const result = await detectTiled(engine, 'm', source, params, { tileSize: 256, overlap: 0.2, wholeImagePass: false });
    expect(result.detections.map((d) => d.box).sort((a, b) => a.x - b.x)).toEqual([
      { x: 20, y: 20, w: 50, h: 50 },
      { x: 900, y: 500, w: 60, h: 40 },
    ]);
  });

  it('adds a whole-image pass at the tile size, its boxes scaled back to the image', async () => {
    // Too big for one tile of 128: no tile sees all of it, the whole-image pass does.
    const source = memoryRasterSource(scene(512, 512, [{ x: 64, y: 64, w: 384, h: 384 }]));
    const { engine, seen } = redFinder();
    const result = await detectTiled(engine, 'm', source, params, { tileSize: 128, overlap: 0, wholeImagePass: true });
    expect(result.tiles).toBe(16);
    expect(seen.at(-1)).toEqual({ width: 128, height: 128 });
    expect(result.detections).toHaveLength(1);
    expect(result.detections[0]!.box).toEqual({ x: 64, y: 64, w: 384, h: 384 });
  });

  it('stops between tiles when cancelled', async () => {
    const source = memoryRasterSource(scene(1000, 600, []));
    const { engine, seen } = redFinder();
    const controller = new AbortController();
    const running = detectTiled(
      engine,
      'm',
      source,
      params,
      { tileSize: 256, overlap: 0.2, wholeImagePass: false },
      ({ done }) => done === 3 && controller.abort(new Error('cancelled by the user')),
      controller.signal,
    );
    await expect(running).rejects.toThrow('cancelled by the user');
    expect(seen).toHaveLength(3);
  });
});

describe('detectWhole', () => {
  it('reads the whole image at the input size and scales the boxes back', async () => {
    const source = memoryRasterSource(scene(800, 400, [{ x: 200, y: 100, w: 400, h: 200 }]));
    const { engine, seen } = redFinder();
    const result = await detectWhole(engine, 'm', source, params, { width: 200, height: 200 });
    expect(seen).toEqual([{ width: 200, height: 200 }]);
    expect(result.detections[0]!.box).toEqual({ x: 200, y: 100, w: 400, h: 200 });
  });
});
