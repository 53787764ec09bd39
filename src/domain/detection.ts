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
