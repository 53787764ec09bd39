// The one path an image takes through a model, in the app's worker and in the CLI alike: the raster is open (read by
// each side's own I/O), the tiling decision is made here, the model runs (tiled, or once on the whole image at about
// its input size), and a chained box labeller relabels the boxes. What is recorded (a prediction record, a COCO
// entry) is each side's business; what was found is not.
import type { DetectParams, Detection, RunTiling } from '../domain/detection';
import type { RgbaPixels } from '../domain/image';
import { wholeImageRead } from '../domain/model-input';
import { type ClassifierManifest, type ModelManifest, suppressesPerClass } from '../domain/model-manifest';
import type { RasterSource } from '../domain/raster-source';
import type { ClassifyParams } from '../domain/tag';
import { shouldTile, type TilingParams } from '../domain/tiling';
import type { EngineClassification } from './engine';
import type { Detector } from './lane-pool';
import { relabelDetections } from './relabel';
import { detectTiled, detectWhole, type TileCheckpoint, type TiledProgress, type TiledResult } from './tiled';

/** A run's tiling as asked for; `tileSize` defaults to the model's input. */
export type TilingChoice = RunTiling & { tileSize?: number };

/**
 * How an image of this size is run: the tiles (tiled where asked, or in auto mode where the image is more than
 * twice the model's input along a side), or undefined for one run on the whole image.
 */
export function planTiling(size: { width: number; height: number }, model: ModelManifest, choice: TilingChoice): TilingParams | undefined {
  const tiled = choice.mode === 'tiled' || (choice.mode === 'auto' && shouldTile(size.width, size.height, model.input));
  if (!tiled) return undefined;
  const tileSize = choice.tileSize ?? Math.max(model.input.width, model.input.height);
  return { tileSize, overlap: choice.overlap, wholeImagePass: choice.wholeImagePass, resize: model.preprocessing.resize, perClass: suppressesPerClass(model) };
}

export interface DetectHooks {
  /** Tiles done, and where the run stands (to save, so a reload continues it). */
  onProgress?: (progress: TiledProgress, checkpoint: TileCheckpoint) => void;
  resumeFrom?: TileCheckpoint;
  /** The whole image already decoded at full size (the CLI's reader thread): the engine resizes it itself. */
  decoded?: RgbaPixels;
  /** A box labeller chained after the detector, and what runs it. */
  relabel?: { labeller: ClassifierManifest; minScore: number; detector: Pick<Detector, 'classify'> };
}

export interface PipelineResult extends TiledResult {
  /** Time the box labeller took (0 without one). */
  relabelMs: number;
}

/** Runs the detector on the open raster as `tiling` says (planTiling), then the box labeller where one is chained. */
export async function detectOnRaster(
  detector: Detector,
  model: ModelManifest,
  source: RasterSource,
  params: DetectParams,
  tiling: TilingParams | undefined,
  hooks: DetectHooks = {},
): Promise<PipelineResult> {
  let result: TiledResult;
  if (tiling) result = await detectTiled(detector, model.id, source, params, tiling, hooks.onProgress, undefined, hooks.resumeFrom);
  else if (hooks.decoded) {
    const run = await detector.detect(model.id, hooks.decoded, params);
    result = { detections: run.detections, tiles: 0, rawDetections: run.detections.length, backend: run.backend, timings: { readMs: 0, ...run.timings, mergeMs: 0 } };
  }
  // Read at the model's input size: a PNG or JPEG decoded straight to it, a TIFF read from its overviews.
  else result = await detectWhole(detector, model.id, source, params, model.input, model.preprocessing.resize);
  if (!hooks.relabel) return { ...result, relabelMs: 0 };
  const t0 = performance.now();
  const { labeller, minScore, detector: labelling } = hooks.relabel;
  const detections: Detection[] = await relabelDetections(labelling, labeller, source, result.detections, minScore);
  return { ...result, detections, relabelMs: performance.now() - t0 };
}

/** A classifier sees the whole image at about its input size; a TIFF is read shrunk, from its overviews where present. */
export async function classifyOnRaster(detector: Pick<Detector, 'classify'>, model: ModelManifest, source: RasterSource, params: ClassifyParams): Promise<EngineClassification & { timings: { readMs: number } }> {
  const t0 = performance.now();
  const read = wholeImageRead(source.width, source.height, model.input, model.preprocessing.resize ?? 'stretch');
  const pixels = await source.readWindow(read.window, read.width, read.height);
  const readMs = performance.now() - t0;
  try {
    const result = await detector.classify(model.id, pixels, params);
    return { ...result, timings: { ...result.timings, readMs } };
  } finally {
    source.recycle?.(pixels);
  }
}
