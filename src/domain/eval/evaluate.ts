import { type CocoClass, cocoMetrics, type CocoSummary } from './coco-metrics';
import { type Confusion, judge, type Mark } from './confusion';
import { groupByClass, type Grouped } from './groups';
import { type Counts, matchAt, operatingClasses, type OperatingClass, overallCounts } from './operating-point';
import type { EvalImage, ProgressReporter } from './types';

/** The IoU and score threshold of the figures that depend on them (precision, recall, F1, the confusion matrix, the marks). */
export interface OperatingChoice {
  iou: number;
  threshold: number;
}

export type ClassReport = CocoClass & Omit<OperatingClass, 'label'>;

export interface DetectionReport extends OperatingChoice {
  images: number;
  truths: number;
  crowd: number;
  detections: number;
  summary: CocoSummary;
  /** Classes with truth first (most truth first), then classes only predicted, by name. */
  classes: ClassReport[];
  overall: Counts;
  confusion: Confusion;
  /** What the viewer draws, by image id; images with nothing to draw are absent. */
  marks: Record<string, Mark[]>;
}

/** The part of an evaluation that does not depend on the operating choice, kept to judge again at another one. */
export interface PreparedEvaluation {
  grouped: Grouped;
  coco: ReturnType<typeof cocoMetrics>;
}

export function prepareEvaluation(images: readonly EvalImage[], classOrder: readonly string[] = [], progress?: ProgressReporter): PreparedEvaluation {
  const grouped = groupByClass(images, classOrder);
  progress?.(0, 'COCO figures');
  return { grouped, coco: cocoMetrics(grouped, progress) };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function judgeAt(prepared: PreparedEvaluation, choice: OperatingChoice): DetectionReport {
  const { grouped, coco } = prepared;
  const matches = matchAt(grouped, choice.iou);
  const operating = operatingClasses(grouped, matches, choice.threshold);
  const { confusion, marks } = judge(grouped, matches, choice.iou, choice.threshold);
  const classes = coco.classes
    .map((c, k): ClassReport => ({ ...c, ...operating[k]!, label: c.label }))
    .sort((a, b) => Number(b.truths > 0) - Number(a.truths > 0) || b.truths - a.truths || collator.compare(a.label, b.label));
  const sum = (key: 'truths' | 'crowd' | 'detections') => coco.classes.reduce((s, c) => s + c[key], 0);
  return {
    ...choice,
    images: grouped.imageIds.length,
    truths: sum('truths'),
    crowd: sum('crowd'),
    detections: sum('detections'),
    summary: coco.summary,
    classes,
    overall: overallCounts(operating),
    confusion,
    marks: Object.fromEntries(marks),
  };
}

/** COCO's figures and those at the operating choice, for detections on a set of images. */
export function evaluateDetections(images: readonly EvalImage[], choice: OperatingChoice, classOrder: readonly string[] = [], progress?: ProgressReporter): DetectionReport {
  return judgeAt(prepareEvaluation(images, classOrder, progress), choice);
}
