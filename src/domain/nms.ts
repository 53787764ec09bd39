import type { Detection } from './detection';
import { iou } from './geometry';

export interface NmsOptions {
  iouThreshold: number;
  maxDetections: number;
  /** Suppress only within the same class, so a rider on a horse keeps both boxes. */
  perClass: boolean;
}

/** Greedy non-maximum suppression: highest score first, drop what overlaps a kept box too much. */
export function nonMaxSuppression<T extends Pick<Detection, 'box' | 'score' | 'classIndex'>>(
  candidates: readonly T[],
  { iouThreshold, maxDetections, perClass }: NmsOptions,
): T[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const candidate of sorted) {
    if (kept.length >= maxDetections) break;
    const suppressed = kept.some(
      (k) => (!perClass || k.classIndex === candidate.classIndex) && iou(k.box, candidate.box) > iouThreshold,
    );
    if (!suppressed) kept.push(candidate);
  }
  return kept;
}
