import type { BBox } from './geometry';

/** One object found by a detector, in the original image's pixel coordinates. */
export interface Detection {
  label: string;
  classIndex: number;
  score: number;
  box: BBox;
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
