import type { BBox } from '../geometry';

/** A ground-truth box: a reviewed annotation, or one from a COCO file. */
export interface TruthBox {
  label: string;
  box: BBox;
  /** COCO `iscrowd`: a region of many objects; detections inside it are neither right nor wrong. */
  crowd?: boolean;
  /** COCO `area` (a segment's area in COCO's own files); w × h when absent. It decides small, medium or large. */
  area?: number;
}

export interface PredictedBox {
  label: string;
  box: BBox;
  score: number;
}

/** One image's truth and a model's predictions on it. `id` names it in results (an image SHA-256, a file name). */
export interface EvalImage {
  id: string;
  truth: readonly TruthBox[];
  predicted: readonly PredictedBox[];
}

/** Reports progress as a share of the work done (0–1) and what is being done. */
export type ProgressReporter = (fraction: number, phase: string) => void;
