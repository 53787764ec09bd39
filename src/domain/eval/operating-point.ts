import { outcomes, precisionAtRecall, rank } from './accumulate';
import { AREA_RANGES, MAX_MATCHED, RECALL_THRESHOLDS } from './coco-rules';
import type { Grouped } from './groups';
import { type GroupMatch, matchGroup } from './match';

/** Counts at one score threshold, and what follows from them; null where a ratio has nothing to divide by. */
export interface Counts {
  tp: number;
  fp: number;
  /** Counted truth no detection at or above the threshold found. */
  fn: number;
  precision: number | null;
  recall: number | null;
  F1: number | null;
}

export interface CurvePoint {
  recall: number;
  /** Interpolated precision (the best precision at this recall or beyond), as COCOeval's 101-point curve. */
  precision: number;
  /** Score of the detection at which this recall is reached: the threshold that gives this point. */
  score: number;
}

export interface OperatingClass extends Counts {
  label: string;
  /** The score threshold where F1 is highest (the highest such threshold on a tie); null without any true positive. */
  bestF1: { threshold: number; F1: number; precision: number; recall: number } | null;
  /** Precision at the 101 recall thresholds at the chosen IoU; null for a class without truth. */
  curve: CurvePoint[] | null;
}

export function counts(tp: number, fp: number, fn: number): Counts {
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    F1: 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null,
  };
}

/** Every class's groups matched at one IoU threshold over all areas: what the threshold-dependent figures share. */
export function matchAt(grouped: Grouped, iou: number): GroupMatch[][] {
  return grouped.groups.map((groups) => groups.map((g) => matchGroup(g, [iou], AREA_RANGES.all)));
}

/**
 * Per class at one IoU: precision, recall and F1 of the detections scoring at least `threshold` (matched by
 * COCOeval's rules: greedy by score, so cutting the ranking at a score leaves the matches above it as they were),
 * the threshold that maximises F1, and the 101-point precision–recall curve.
 */
export function operatingClasses(grouped: Grouped, matches: readonly GroupMatch[][], threshold: number): OperatingClass[] {
  return grouped.classes.map((label, k) => {
    const groups = grouped.groups[k]!;
    const ranking = rank(groups, MAX_MATCHED);
    const codes = outcomes(ranking, groups, matches[k]!, 0);
    const counted = matches[k]!.reduce((sum, m) => sum + m.counted, 0);
    let tp = 0;
    let fp = 0;
    let best: OperatingClass['bestF1'] = null;
    let atThreshold: Counts | null = null;
    const n = codes.length;
    for (let i = 0; i < n; i++) {
      const score = ranking.scores[i]!;
      if (atThreshold === null && score < threshold) atThreshold = counts(tp, fp, counted - tp);
      if (codes[i] === 1) tp++;
      else if (codes[i] === 0) fp++;
      // A cut falls between distinct scores only: equal scores are all in or all out.
      if (i + 1 < n && ranking.scores[i + 1] === score) continue;
      const F1 = counted > 0 ? (2 * tp) / (2 * tp + fp + (counted - tp)) : 0;
      if (tp > 0 && (best === null || F1 > best.F1)) best = { threshold: score, F1, precision: tp / (tp + fp), recall: tp / counted };
    }
    atThreshold ??= counts(tp, fp, counted - tp);
    let curve: CurvePoint[] | null = null;
    if (counted > 0) {
      const pr = precisionAtRecall(codes, ranking.scores, counted);
      curve = RECALL_THRESHOLDS.map((recall, r) => ({ recall, precision: pr.precision[r]!, score: pr.scores[r]! }));
    }
    return { label, ...atThreshold, bestF1: best, curve };
  });
}

/** All classes together (micro-averaged: the counts are summed, then divided). */
export function overallCounts(classes: readonly Counts[]): Counts {
  const sum = (key: 'tp' | 'fp' | 'fn') => classes.reduce((s, c) => s + c[key], 0);
  return counts(sum('tp'), sum('fp'), sum('fn'));
}
