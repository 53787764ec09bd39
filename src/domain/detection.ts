import type { BBox } from './geometry';
import type { StretchPercentiles } from './stretch';

/** One object found by a detector, in the original image's pixel coordinates. */
export interface Detection {
  label: string;
  classIndex: number;
  score: number;
  box: BBox;
  /** Set when a box labeller gave the box its label (label and classIndex are then the labeller's; score stays the detector's). */
  relabel?: Relabelled;
}

/** What the detector said of a box before the box labeller relabelled it, and how sure the labeller is. */
export interface Relabelled {
  detectorLabel: string;
  /** The labeller's probability of the label it gave. */
  labellerScore: number;
  /** Between the labeller's two best labels: small means unsure (what "least certain first" sorts by). */
  margin: number;
}

/** A box labeller run after the detector: part of the run's parameters, so its results are cached apart. */
export interface RelabelParams {
  modelId: string;
  weightsSha256: string;
  /** Only boxes the detector scores at least this are relabelled and kept (each costs one labeller run). */
  minScore: number;
}

/** Every parameter that changes a detector's output; part of the prediction cache key. */
export interface DetectParams {
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
}

/**
 * Models run with a low score floor and the result is cached; the threshold a person picks only filters
 * what is shown. NMS keeps higher-scored boxes first, so filtering after NMS equals NMS after filtering.
 */
export const CANDIDATE_SCORE_FLOOR = 0.05;

export function aboveThreshold(detections: readonly Detection[], scoreThreshold: number): Detection[] {
  return detections.filter((d) => d.score >= scoreThreshold);
}

/** Per run: tile large images (auto), always tile, or always run on the whole image shrunk to the model input. */
export type TilingMode = 'auto' | 'tiled' | 'whole';

export interface RunTiling {
  mode: TilingMode;
  /** Fraction of a tile shared with its neighbour. */
  overlap: number;
  /** With tiles, also one pass over the whole image, for objects larger than a tile. */
  wholeImagePass: boolean;
}

export const DEFAULT_RUN_TILING: RunTiling = { mode: 'auto', overlap: 0.2, wholeImagePass: false };

/** A detector run's parameters: what the engine needs per call, plus how images are cut into tiles. */
export interface DetectRunParams extends DetectParams {
  tiling: RunTiling;
  /** Percentiles for rasters deeper than 8 bits, when not the default 2–98. */
  stretch?: StretchPercentiles;
  /** A box labeller chained after the detector. */
  relabel?: RelabelParams;
}
