import { type ClassLayout, interpolate, layoutOf, rankings } from './accumulate';
import { AREA_RANGES, MAX_MATCHED, RECALL_THRESHOLDS } from './coco-rules';
import type { Grouped } from './groups';
import { FALSE_POSITIVE, matchGroup, TRUE_POSITIVE } from './match';

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

/** One class matched at one IoU over all areas: what the threshold-dependent figures share. */
export interface ClassMatch {
  layout: ClassLayout;
  /** Per position in the layout: TRUE_POSITIVE, FALSE_POSITIVE or IGNORED. */
  outcome: Uint8Array;
  /** Per position: the matched truth's index in its group, or -1. */
  truthOf: Int32Array;
  counted: number;
  ranked: Int32Array;
}

export function matchAt(grouped: Grouped, iou: number): ClassMatch[] {
  return grouped.groups.map((groups) => {
    const layout = layoutOf(groups);
    const outcome = new Uint8Array(layout.size);
    const truthOf = new Int32Array(layout.size);
    let counted = 0;
    groups.forEach((g, i) => {
      counted += matchGroup(g, [iou], AREA_RANGES.all, { outcome, truthOf, stride: layout.size, offset: layout.offsets[i]! });
    });
    return { layout, outcome, truthOf, counted, ranked: rankings(layout, [MAX_MATCHED])[0]! };
  });
}

/**
 * Per class at one IoU: precision, recall and F1 of the detections scoring at least `threshold` (matched by
 * COCOeval's rules: greedy by score, so cutting the ranking at a score leaves the matches above it as they were),
 * the threshold that maximises F1, and the 101-point precision–recall curve.
 */
export function operatingClasses(grouped: Grouped, matches: readonly ClassMatch[], threshold: number): OperatingClass[] {
  return grouped.classes.map((label, k) => {
    const { layout, outcome, counted, ranked } = matches[k]!;
    let tp = 0;
    let fp = 0;
    let best: OperatingClass['bestF1'] = null;
    let atThreshold: Counts | null = null;
    const n = ranked.length;
    for (let i = 0; i < n; i++) {
      const score = layout.scores[ranked[i]!]!;
      if (atThreshold === null && score < threshold) atThreshold = counts(tp, fp, counted - tp);
      const code = outcome[ranked[i]!];
      if (code === TRUE_POSITIVE) tp++;
      else if (code === FALSE_POSITIVE) fp++;
      // A cut falls between distinct scores only: equal scores are all in or all out.
      if (i + 1 < n && layout.scores[ranked[i + 1]!] === score) continue;
      const F1 = counted > 0 ? (2 * tp) / (2 * tp + fp + (counted - tp)) : 0;
      if (tp > 0 && (best === null || F1 > best.F1)) best = { threshold: score, F1, precision: tp / (tp + fp), recall: tp / counted };
    }
    atThreshold ??= counts(tp, fp, counted - tp);
    let curve: CurvePoint[] | null = null;
    if (counted > 0) {
      const precision = new Float64Array(RECALL_THRESHOLDS.length);
      const scores = new Float64Array(RECALL_THRESHOLDS.length);
      interpolate(outcome, 0, ranked, layout.scores, counted, precision, scores);
      curve = RECALL_THRESHOLDS.map((recall, r) => ({ recall, precision: precision[r]!, score: scores[r]! }));
    }
    return { label, ...atThreshold, bestF1: best, curve };
  });
}

/** All classes together (micro-averaged: the counts are summed, then divided). */
export function overallCounts(classes: readonly Counts[]): Counts {
  const sum = (key: 'tp' | 'fp' | 'fn') => classes.reduce((s, c) => s + c[key], 0);
  return counts(sum('tp'), sum('fp'), sum('fn'));
}
