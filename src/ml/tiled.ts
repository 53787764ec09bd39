// Tiled (sliced) inference: the model sees the image one input-sized window at a time, so small objects in a
// large image keep their pixels; detections are merged across tiles so an object cut by a border comes out once.
import type { DetectParams, Detection } from '../domain/detection';
import type { PixelWindow, RasterSource } from '../domain/raster-source';
import { mergeTiledDetections, tileGrid, type TilingParams, type WindowedDetection } from '../domain/tiling';
import { wholeImageRead } from '../domain/model-input';
import type { ResizeMode } from '../domain/model-manifest';
import type { Engine } from './engine';

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

type DetectingEngine = Pick<Engine, 'detect'>;

const now = () => performance.now();

/**
 * Runs `engine.detect` on each window of tileGrid(source, tiling) read at full resolution (the tile is the
 * model's input size, so the engine does not resize it), moves the boxes into image coordinates, optionally adds
 * a pass over the whole image shrunk to one tile, and merges everything with mergeTiledDetections.
 * Progress is reported after each model run; `signal` cancels between runs (rejecting with its reason).
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
  let done = 0;

  const run = async (window: PixelWindow, outWidth: number, outHeight: number) => {
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
    for (const d of result.detections) {
      const box = { x: window.x + d.box.x * sx, y: window.y + d.box.y * sy, w: d.box.w * sx, h: d.box.h * sy };
      gathered.push({ ...d, box, window });
    }
    done++;
    onProgress?.({ done, total }, { done, gathered });
  };

  const runs: [PixelWindow, number, number][] = windows.map((w) => [w, w.w, w.h]);
  if (tiling.wholeImagePass) {
    const whole = wholeImageRead(source.width, source.height, { width: tiling.tileSize, height: tiling.tileSize }, tiling.resize ?? 'stretch');
    runs.push([whole.window, whole.width, whole.height]);
  }
  done = Math.min(resumeFrom?.done ?? 0, runs.length); // runs before this were done before a reload
  for (const [window, outWidth, outHeight] of runs.slice(done)) await run(window, outWidth, outHeight);

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
  const result = await engine.detect(modelId, pixels, params);
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
