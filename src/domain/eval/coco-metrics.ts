import { outcomes, precisionAtRecall, rank, type Ranking } from './accumulate';
import { AREA_NAMES, AREA_RANGES, type AreaName, IOU_THRESHOLDS, MAX_DETECTIONS, RECALL_THRESHOLDS } from './coco-rules';
import type { Grouped } from './groups';
import { matchGroup } from './match';
import type { ProgressReporter } from './types';

/** COCOeval's twelve summary figures under their usual names; -1 where nothing defines one (as COCOeval prints). */
export interface CocoSummary {
  AP: number;
  AP50: number;
  AP75: number;
  APs: number;
  APm: number;
  APl: number;
  AR1: number;
  AR10: number;
  AR100: number;
  ARs: number;
  ARm: number;
  ARl: number;
}

export const SUMMARY_NAMES: readonly (keyof CocoSummary)[] = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'];

export interface CocoClass {
  label: string;
  /** Truth boxes that count (crowd regions left out). */
  truths: number;
  crowd: number;
  /** Detections taken into account (at most 100 per image, as COCOeval). */
  detections: number;
  /** -1 for a class without truth: COCOeval leaves it out of every mean. */
  AP: number;
  AP50: number;
  AP75: number;
  AR100: number;
}

export interface CocoResult {
  summary: CocoSummary;
  classes: CocoClass[];
}

/** Per class, area and maxDets: precision summed over the recall thresholds and recall, per IoU threshold; null where the class has no counted truth. */
type Figures = { precisionSum: Float64Array; recall: Float64Array } | null;

const T = IOU_THRESHOLDS.length;
const R = RECALL_THRESHOLDS.length;
const T50 = IOU_THRESHOLDS.indexOf(0.5);
const T75 = IOU_THRESHOLDS.indexOf(0.75);

function classFigures(grouped: Grouped, k: number): Map<string, Figures> {
  const groups = grouped.groups[k]!;
  const rankings: Ranking[] = MAX_DETECTIONS.map((maxDet) => rank(groups, maxDet));
  const out = new Map<string, Figures>();
  for (const area of AREA_NAMES) {
    const matches = groups.map((g) => matchGroup(g, IOU_THRESHOLDS, AREA_RANGES[area]));
    const counted = matches.reduce((sum, m) => sum + m.counted, 0);
    MAX_DETECTIONS.forEach((maxDet, mi) => {
      if (counted === 0) return out.set(`${area}|${maxDet}`, null);
      const precisionSum = new Float64Array(T);
      const recall = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        const result = precisionAtRecall(outcomes(rankings[mi]!, groups, matches, t), rankings[mi]!.scores, counted);
        precisionSum[t] = result.precision.reduce((a, b) => a + b, 0);
        recall[t] = result.recall;
      }
      out.set(`${area}|${maxDet}`, { precisionSum, recall });
    });
  }
  return out;
}

/** COCOeval's summarize: the mean over every defined entry (classes without counted truth are left out). */
function meanOf(all: Map<string, Figures>[], area: AreaName, maxDet: number, what: 'AP' | 'AR', t?: number): number {
  let sum = 0;
  let n = 0;
  for (const figures of all) {
    const f = figures.get(`${area}|${maxDet}`);
    if (!f) continue;
    const thresholds = t === undefined ? [...Array(T).keys()] : [t];
    for (const i of thresholds) {
      sum += what === 'AP' ? f.precisionSum[i]! : f.recall[i]!;
      n += what === 'AP' ? R : 1;
    }
  }
  return n === 0 ? -1 : sum / n;
}

/** The COCO detection figures: every class matched at ten IoU thresholds, in four area ranges, with 1/10/100 detections. */
export function cocoMetrics(grouped: Grouped, progress?: ProgressReporter): CocoResult {
  const all: Map<string, Figures>[] = [];
  const K = grouped.classes.length;
  for (let k = 0; k < K; k++) {
    all.push(classFigures(grouped, k));
    progress?.((k + 1) / K, `COCO figures: ${grouped.classes[k]}`);
  }
  const summary: CocoSummary = {
    AP: meanOf(all, 'all', 100, 'AP'),
    AP50: meanOf(all, 'all', 100, 'AP', T50),
    AP75: meanOf(all, 'all', 100, 'AP', T75),
    APs: meanOf(all, 'small', 100, 'AP'),
    APm: meanOf(all, 'medium', 100, 'AP'),
    APl: meanOf(all, 'large', 100, 'AP'),
    AR1: meanOf(all, 'all', 1, 'AR'),
    AR10: meanOf(all, 'all', 10, 'AR'),
    AR100: meanOf(all, 'all', 100, 'AR'),
    ARs: meanOf(all, 'small', 100, 'AR'),
    ARm: meanOf(all, 'medium', 100, 'AR'),
    ARl: meanOf(all, 'large', 100, 'AR'),
  };
  const classes = grouped.classes.map((label, k): CocoClass => {
    const groups = grouped.groups[k]!;
    let truths = 0;
    let crowd = 0;
    let detections = 0;
    for (const g of groups) {
      for (const c of g.crowd) {
        if (c) crowd++;
        else truths++;
      }
      detections += g.detections.length;
    }
    const one = [all[k]!];
    return {
      label,
      truths,
      crowd,
      detections,
      AP: meanOf(one, 'all', 100, 'AP'),
      AP50: meanOf(one, 'all', 100, 'AP', T50),
      AP75: meanOf(one, 'all', 100, 'AP', T75),
      AR100: meanOf(one, 'all', 100, 'AR'),
    };
  });
  return { summary, classes };
}
