import { interpolate, layoutOf, rankings } from './accumulate';
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

const T = IOU_THRESHOLDS.length;
const R = RECALL_THRESHOLDS.length;
const T50 = IOU_THRESHOLDS.indexOf(0.5);
const T75 = IOU_THRESHOLDS.indexOf(0.75);

/** One class in one area range with one maxDets: per IoU threshold, precision summed over the recall thresholds, and recall. */
interface Figures {
  precisionSum: Float64Array;
  recall: Float64Array;
}
/** By area and maxDets; null where the class has no counted truth in that range (COCOeval's -1). */
type ClassTable = Map<string, Figures | null>;
const key = (area: AreaName, maxDet: number) => `${area}|${maxDet}`;

function classTable(groups: Grouped['groups'][number]): ClassTable {
  const layout = layoutOf(groups);
  const ranked = rankings(layout, MAX_DETECTIONS);
  const outcome = new Uint8Array(T * layout.size);
  const table: ClassTable = new Map();
  for (const area of AREA_NAMES) {
    let counted = 0;
    groups.forEach((g, i) => {
      counted += matchGroup(g, IOU_THRESHOLDS, AREA_RANGES[area], { outcome, stride: layout.size, offset: layout.offsets[i]! });
    });
    MAX_DETECTIONS.forEach((maxDet, m) => {
      if (counted === 0) return table.set(key(area, maxDet), null);
      const figures: Figures = { precisionSum: new Float64Array(T), recall: new Float64Array(T) };
      for (let t = 0; t < T; t++) {
        const { sum, recall } = interpolate(outcome, t * layout.size, ranked[m]!, layout.scores, counted);
        figures.precisionSum[t] = sum;
        figures.recall[t] = recall;
      }
      table.set(key(area, maxDet), figures);
    });
  }
  return table;
}

/** COCOeval's summarize: the mean over every defined entry (classes without counted truth are left out). */
function meanOf(tables: readonly ClassTable[], area: AreaName, maxDet: number, what: 'AP' | 'AR', onlyT?: number): number {
  let sum = 0;
  let n = 0;
  for (const table of tables) {
    const f = table.get(key(area, maxDet));
    if (!f) continue;
    for (let t = 0; t < T; t++) {
      if (onlyT !== undefined && t !== onlyT) continue;
      sum += what === 'AP' ? f.precisionSum[t]! : f.recall[t]!;
      n += what === 'AP' ? R : 1;
    }
  }
  return n === 0 ? -1 : sum / n;
}

/** The COCO detection figures: every class matched at ten IoU thresholds, in four area ranges, with 1/10/100 detections. */
export function cocoMetrics(grouped: Grouped, progress?: ProgressReporter): CocoResult {
  const tables: ClassTable[] = [];
  const K = grouped.classes.length;
  for (let k = 0; k < K; k++) {
    tables.push(classTable(grouped.groups[k]!));
    progress?.((k + 1) / K, `COCO figures: ${grouped.classes[k]}`);
  }
  const summary: CocoSummary = {
    AP: meanOf(tables, 'all', 100, 'AP'),
    AP50: meanOf(tables, 'all', 100, 'AP', T50),
    AP75: meanOf(tables, 'all', 100, 'AP', T75),
    APs: meanOf(tables, 'small', 100, 'AP'),
    APm: meanOf(tables, 'medium', 100, 'AP'),
    APl: meanOf(tables, 'large', 100, 'AP'),
    AR1: meanOf(tables, 'all', 1, 'AR'),
    AR10: meanOf(tables, 'all', 10, 'AR'),
    AR100: meanOf(tables, 'all', 100, 'AR'),
    ARs: meanOf(tables, 'small', 100, 'AR'),
    ARm: meanOf(tables, 'medium', 100, 'AR'),
    ARl: meanOf(tables, 'large', 100, 'AR'),
  };
  const classes = grouped.classes.map((label, k): CocoClass => {
    let truths = 0;
    let crowd = 0;
    let detections = 0;
    for (const g of grouped.groups[k]!) {
      for (const c of g.crowd) {
        if (c) crowd++;
        else truths++;
      }
      detections += g.detections.length;
    }
    const one = [tables[k]!];
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
