import { RECALL_THRESHOLDS } from './coco-rules';
import type { ClassGroup } from './groups';
import type { GroupMatch } from './match';

/** One class's detections over all images, best first, each counted at most `maxDet` per image. */
export interface Ranking {
  scores: Float64Array;
  /** Which group and which of its detections each ranked one is. */
  group: Int32Array;
  detection: Int32Array;
}

/**
 * COCOeval's accumulate: the first `maxDet` detections of every image (already best first) concatenated in image
 * order, then sorted by score with a stable sort, so equal scores keep image order (numpy's mergesort).
 */
export function rank(groups: readonly ClassGroup[], maxDet: number): Ranking {
  let n = 0;
  for (const g of groups) n += Math.min(g.detections.length, maxDet);
  const scores = new Float64Array(n);
  const group = new Int32Array(n);
  const detection = new Int32Array(n);
  let i = 0;
  groups.forEach((g, gi) => {
    const count = Math.min(g.detections.length, maxDet);
    for (let d = 0; d < count; d++, i++) {
      scores[i] = g.detections[d]!.score;
      group[i] = gi;
      detection[i] = d;
    }
  });
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return {
    scores: Float64Array.from(order, (k) => scores[k]!),
    group: Int32Array.from(order, (k) => group[k]!),
    detection: Int32Array.from(order, (k) => detection[k]!),
  };
}

/** 0 false positive, 1 true positive, 2 ignored, per ranked detection at threshold index t. */
export function outcomes(ranking: Ranking, groups: readonly ClassGroup[], matches: readonly GroupMatch[], t: number): Uint8Array {
  const codes = new Uint8Array(ranking.scores.length);
  for (let i = 0; i < codes.length; i++) {
    const gi = ranking.group[i]!;
    const D = groups[gi]!.detections.length;
    const at = t * D + ranking.detection[i]!;
    const match = matches[gi]!;
    codes[i] = match.ignored[at] ? 2 : match.truthOf[at]! >= 0 ? 1 : 0;
  }
  return codes;
}

export interface PrecisionAtRecall {
  /** Interpolated precision at each of the 101 recall thresholds (0 beyond the recall reached). */
  precision: Float64Array;
  /** The score of the detection where each recall threshold is reached (0 beyond the recall reached). */
  scores: Float64Array;
  /** Recall with every ranked detection. */
  recall: number;
}

/**
 * Precision at the 101 recall thresholds, as COCOeval computes it: cumulative true and false positives down the
 * ranking (ignored detections add to neither but keep their place), precision tp / (tp + fp + ε) made
 * non-increasing from the right, then for each recall threshold the precision at the first rank whose recall
 * reaches it (numpy's searchsorted, side 'left'); thresholds never reached get 0.
 */
export function precisionAtRecall(codes: Uint8Array, scores: Float64Array, counted: number): PrecisionAtRecall {
  const n = codes.length;
  const recallAt = new Float64Array(n);
  const precisionAt = new Float64Array(n);
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i] === 1) tp++;
    else if (codes[i] === 0) fp++;
    recallAt[i] = tp / counted;
    precisionAt[i] = tp / (fp + tp + Number.EPSILON); // numpy's spacing(1)
  }
  for (let i = n - 1; i > 0; i--) if (precisionAt[i]! > precisionAt[i - 1]!) precisionAt[i - 1] = precisionAt[i]!;
  const R = RECALL_THRESHOLDS.length;
  const precision = new Float64Array(R);
  const atScore = new Float64Array(R);
  let i = 0;
  for (let r = 0; r < R; r++) {
    while (i < n && recallAt[i]! < RECALL_THRESHOLDS[r]!) i++;
    if (i === n) break;
    precision[r] = precisionAt[i]!;
    atScore[r] = scores[i]!;
  }
  return { precision, scores: atScore, recall: n > 0 ? recallAt[n - 1]! : 0 };
}
