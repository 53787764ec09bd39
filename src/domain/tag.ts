import type { StretchPercentiles } from './stretch';

/** An image-level label from a classifier: what the whole image is, with the model's score (0–1). */
export interface Tag {
  label: string;
  score: number;
}

/** Every parameter that changes a classifier's output; part of the prediction cache key. */
export interface ClassifyParams {
  /** Keep at most this many labels, best first. */
  topK: number;
  /** Drop labels scoring below this. */
  minScore: number;
  /** Percentiles for rasters deeper than 8 bits, when not the default 2–98. */
  stretch?: StretchPercentiles;
}
