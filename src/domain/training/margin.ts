// How sure a model is of an image, for "least certain first": the margin between its two best classes. Reviewers who
// start where the margin is smallest correct what teaches the next model most (uncertainty sampling).
import type { PredictionRecord } from '../prediction';

/** Best minus second best (0 when there is no second). */
export function topTwoMargin(scores: readonly number[]): number {
  let best = Number.NEGATIVE_INFINITY;
  let second = 0;
  for (const s of scores) {
    if (s > best) {
      if (best !== Number.NEGATIVE_INFINITY) second = Math.max(second, best);
      best = s;
    } else second = Math.max(second, s);
  }
  return best === Number.NEGATIVE_INFINITY ? 0 : best - second;
}

/**
 * An image's margin under one model's result: a classifier's top two tags; a detector with a box labeller, its least
 * certain box. Undefined when the result says nothing about classes (a plain detector, no boxes).
 */
export function certaintyOf(record: Pick<PredictionRecord, 'tags' | 'detections'>): number | undefined {
  if (record.tags && record.tags.length > 0) return topTwoMargin(record.tags.map((t) => t.score));
  const margins = record.detections.flatMap((d) => (d.relabel ? [d.relabel.margin] : []));
  return margins.length > 0 ? Math.min(...margins) : undefined;
}

/** Margins of the images that have one, by image hash. */
export function imageMargins(results: Readonly<Record<string, Pick<PredictionRecord, 'tags' | 'detections'>>>): Map<string, number> {
  const margins = new Map<string, number>();
  for (const [sha, record] of Object.entries(results)) {
    const margin = certaintyOf(record);
    if (margin !== undefined) margins.set(sha, margin);
  }
  return margins;
}
