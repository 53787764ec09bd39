// Tiled (sliced) inference: the model sees the image one input-sized window at a time, so small objects in a
// large image keep their pixels; detections are merged across tiles so an object cut by a border comes out once.
import type { DetectParams, Detection } from '../domain/detection';
import type { PixelWindow, RasterSource } from '../domain/raster-source';
import { mergeTiledDetections, tileGrid, type TilingParams, type WindowedDetection } from '../domain/tiling';
import { wholeImageRead } from '../domain/model-input';
import type { ResizeMode } from '../domain/model-manifest';
import type { EngineDetection } from './engine';
import type { Detector } from './lane-pool';

export interface TiledProgress {
  /** Model runs finished (tiles, plus the whole-image pass when asked for). */
  done: number;
  total: number;
}

/** Where a tiled run stands: enough to continue it after a reload instead of starting again. */
export interface TileCheckpoint {
  done: number;
  gathered: WindowedDetection[];
}

export interface TiledResult {
  detections: Detection[];
  /** Tiles run (without the whole-image pass). */
  tiles: number;
  /** Detections before merging, tiles and whole-image pass together. */
  rawDetections: number;
  backend: string;
  timings: { readMs: number; preprocessMs: number; inferenceMs: number; postprocessMs: number; mergeMs: number };
}

type DetectingEngine = Pick<Detector, 'detect' | 'lanes'>;

const now = () => performance.now();

/**
 * Runs `engine.detect` on each window of tileGrid(source, tiling) read at full resolution (the tile is the
 * model's input size, so the engine does not resize it), moves the boxes into image coordinates, optionally adds
 * a pass over the whole image shrunk to one tile, and merges everything with mergeTiledDetections.
 * As many windows as the engine has lanes are read and run at once; they are gathered in the grid's order, so
 * the merge sees what a one-lane run would have. Progress is reported as runs finish in that order; `signal`
 * cancels between runs (rejecting with its reason, once the runs under way have ended).
 */
export async function detectTiled(
  engine: DetectingEngine,
  modelId: string,
  source: RasterSource,
  params: DetectParams,
  tiling: TilingParams,
  onProgress?: (progress: TiledProgress, checkpoint: TileCheckpoint) => void,
  signal?: AbortSignal,
  resumeFrom?: TileCheckpoint,
  /** The windows to run, when not the whole tileGrid (an area skips tiles over ground no file covers). */
  only?: readonly PixelWindow[],
): Promise<TiledResult> {
  const windows = only ?? tileGrid(source.width, source.height, tiling.tileSize, tiling.overlap);
  const total = windows.length + (tiling.wholeImagePass ? 1 : 0);
  const timings = { readMs: 0, preprocessMs: 0, inferenceMs: 0, postprocessMs: 0, mergeMs: 0 };
  const gathered: WindowedDetection[] = [...(resumeFrom?.gathered ?? [])];
  let backend = '';

  const run = async (window: PixelWindow, outWidth: number, outHeight: number): Promise<WindowedDetection[]> => {
    signal?.throwIfAborted();
    const t0 = now();
    const pixels = await source.readWindow(window, outWidth, outHeight);
    timings.readMs += now() - t0;
    signal?.throwIfAborted();
    const result = await engine.detect(modelId, pixels, params);
    backend = result.backend;
    timings.preprocessMs += result.timings.preprocessMs;
    timings.inferenceMs += result.timings.inferenceMs;
    timings.postprocessMs += result.timings.postprocessMs;
    const sx = window.w / pixels.width;
    const sy = window.h / pixels.height;
    return result.detections.map((d) => ({ ...d, box: { x: window.x + d.box.x * sx, y: window.y + d.box.y * sy, w: d.box.w * sx, h: d.box.h * sy }, window }));
  };

  const runs: [PixelWindow, number, number][] = windows.map((w) => [w, w.w, w.h]);
  if (tiling.wholeImagePass) {
    const whole = wholeImageRead(source.width, source.height, { width: tiling.tileSize, height: tiling.tileSize }, tiling.resize ?? 'stretch');
    runs.push([whole.window, whole.width, whole.height]);
  }
  let done = Math.min(resumeFrom?.done ?? 0, runs.length); // runs before this were done before a reload
  const finished = new Map<number, WindowedDetection[]>();
  const underWay = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let next = done;
  const width = Math.max(1, engine.lanes ?? 1);
  while (done < runs.length && !failure) {
    while (next < runs.length && underWay.size < width && !failure) {
      const index = next++;
      const [window, outWidth, outHeight] = runs[index]!;
      const task: Promise<void> = run(window, outWidth, outHeight).then(
        (found) => void finished.set(index, found),
        (error: unknown) => void (failure ??= { error }),
      );
      underWay.add(task);
      void task.finally(() => underWay.delete(task));
    }
    await Promise.race(underWay);
    for (let found = finished.get(done); found; found = finished.get(done)) {
      finished.delete(done);
      gathered.push(...found);
      done++;
      onProgress?.({ done, total }, { done, gathered });
    }
  }
  if (failure) {
    await Promise.allSettled(underWay);
    throw failure.error;
  }

  const t0 = now();
  const detections = mergeTiledDetections(gathered, { iouThreshold: params.iouThreshold, ...(tiling.perClass ? { perClass: true } : {}) });
  timings.mergeMs = now() - t0;
  return { detections, tiles: windows.length, rawDetections: gathered.length, backend, timings };
}

/**
 * One model run on the whole image read at about the model's input size (from a TIFF's overviews where present;
 * with the aspect a letterbox or crop keeps), boxes scaled back to image coordinates: the non-tiled path for
 * sources too big to decode whole.
 */
export async function detectWhole(
  engine: DetectingEngine,
  modelId: string,
  source: RasterSource,
  params: DetectParams,
  inputSize: { width: number; height: number },
  resize: ResizeMode = 'stretch',
): Promise<TiledResult> {
  const t0 = now();
  const read = wholeImageRead(source.width, source.height, inputSize, resize);
  const pixels = await source.readWindow(read.window, read.width, read.height);
  const readMs = now() - t0;
  let result: EngineDetection;
  try {
    result = await engine.detect(modelId, pixels, params);
  } finally {
    source.recycle?.(pixels);
  }
  const sx = read.window.w / pixels.width;
  const sy = read.window.h / pixels.height;
  const detections = result.detections.map((d) => ({
    ...d,
    box: { x: read.window.x + d.box.x * sx, y: read.window.y + d.box.y * sy, w: d.box.w * sx, h: d.box.h * sy },
  }));
  return {
    detections,
    tiles: 0,
    rawDetections: detections.length,
    backend: result.backend,
    timings: { readMs, ...result.timings, mergeMs: 0 },
  };
}
