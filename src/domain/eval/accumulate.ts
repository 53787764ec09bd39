import { RECALL_THRESHOLDS } from './coco-rules';
import type { ClassGroup } from './groups';

/** A class's detections over all images laid end to end, image after image, each image's best first. */
export interface ClassLayout {
  groups: readonly ClassGroup[];
  /** Where each group's detections start. */
  offsets: Int32Array;
  size: number;
  scores: Float64Array;
  /** Which detection of its group each position is. */
  detection: Int32Array;
  group: Int32Array;
}

export function layoutOf(groups: readonly ClassGroup[]): ClassLayout {
  const offsets = new Int32Array(groups.length);
  let size = 0;
  groups.forEach((g, i) => {
    offsets[i] = size;
    size += g.detections.length;
  });
  const scores = new Float64Array(size);
  const detection = new Int32Array(size);
  const group = new Int32Array(size);
  groups.forEach((g, i) => {
    g.detections.forEach((d, j) => {
      scores[offsets[i]! + j] = d.score;
      detection[offsets[i]! + j] = j;
      group[offsets[i]! + j] = i;
    });
  });
  return { groups, offsets, size, scores, detection, group };
}

/**
 * COCOeval's accumulate ranks the first `maxDet` detections of every image (already best first) concatenated in
 * image order, by score with a stable sort: equal scores keep image order (numpy's mergesort). Sorting all once
 * and keeping those within `maxDet` gives the same order for every maxDet.
 */
export function rankings(layout: ClassLayout, maxDets: readonly number[]): Int32Array[] {
  const { scores, detection, size } = layout;
  const all = Array.from({ length: size }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return maxDets.map((maxDet) => Int32Array.from(all.filter((p) => detection[p]! < maxDet)));
}

// Module-local copies: the hot loops below read them per detection.
const RECALL = Float64Array.from(RECALL_THRESHOLDS);
const R = RECALL.length;
let recallAt = new Float64Array(256);
let precisionAt = new Float64Array(256);

export interface Interpolated {
  /** Sum of the precision at the 101 recall thresholds (their mean is the AP). */
  sum: number;
  /** Recall with every ranked detection. */
  recall: number;
}

/**
 * Precision at the 101 recall thresholds, as COCOeval computes it: cumulative true and false positives down the
 * ranking (ignored detections add to neither but keep their place), precision tp / (tp + fp + ε) made
 * non-increasing from the right, then for each recall threshold the precision at the first rank whose recall
 * reaches it (numpy's searchsorted, side 'left'); thresholds never reached get 0. `precision` and `scores`, when
 * given, receive the 101 values and the score of the detection at each.
 */
export function interpolate(
  outcome: Uint8Array,
  base: number,
  ranked: Int32Array,
  layoutScores: Float64Array,
  counted: number,
  precision?: Float64Array,
  scores?: Float64Array,
): Interpolated {
  const n = ranked.length;
  if (n > recallAt.length) {
    recallAt = new Float64Array(n * 2);
    precisionAt = new Float64Array(n * 2);
  }
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const code = outcome[base + ranked[i]!];
    if (code === 1) tp++; // TRUE_POSITIVE
    else if (code === 0) fp++; // FALSE_POSITIVE (IGNORED adds to neither)
    recallAt[i] = tp / counted;
    precisionAt[i] = tp / (fp + tp + Number.EPSILON); // numpy's spacing(1)
  }
  for (let i = n - 1; i > 0; i--) if (precisionAt[i]! > precisionAt[i - 1]!) precisionAt[i - 1] = precisionAt[i]!;
  let sum = 0;
  let i = 0;
  for (let r = 0; r < R; r++) {
    while (i < n && recallAt[i]! < RECALL[r]!) i++;
    const value = i < n ? precisionAt[i]! : 0;
    sum += value;
    if (precision) precision[r] = value;
    if (scores) scores[r] = i < n ? layoutScores[ranked[i]!]! : 0;
  }
  return { sum, recall: n > 0 ? recallAt[n - 1]! : 0 };
}
