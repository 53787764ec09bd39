import { SUMMARY_NAMES } from './coco-metrics';
import { type Comparison, compareReports } from './compare';
import type { DetectionReport } from './evaluate';
import type { TagReport } from './tags';

/**
 * An evaluation as one JSON object, the same from `workbench evaluate --json` and the app's "Download report":
 * COCOeval's twelve figures at the top level under their usual names (-1 where undefined, as COCOeval), the
 * operating choice, counts, `perClass.<name>`, the confusion matrix (images by file name) and notes.
 */
export function detectionJson(report: DetectionReport, nameOf: (id: string) => string = (id) => id): Record<string, unknown> {
  const perClass = Object.fromEntries(
    report.classes.map((c) => [
      c.label,
      {
        AP: c.AP,
        AP50: c.AP50,
        AP75: c.AP75,
        AR100: c.AR100,
        truths: c.truths,
        crowd: c.crowd,
        detections: c.detections,
        tp: c.tp,
        fp: c.fp,
        fn: c.fn,
        precision: c.precision,
        recall: c.recall,
        F1: c.F1,
        bestF1: c.bestF1,
      },
    ]),
  );
  return {
    ...Object.fromEntries(SUMMARY_NAMES.map((name) => [name, report.summary[name]])),
    iou: report.iou,
    threshold: report.threshold,
    images: report.images,
    truths: report.truths,
    crowd: report.crowd,
    detections: report.detections,
    overall: report.overall,
    perClass,
    confusion: {
      labels: report.confusion.labels,
      cells: report.confusion.cells.map((c) => ({ truth: c.truth, predicted: c.predicted, count: c.count, images: c.images.map(nameOf) })),
    },
  };
}

export function comparisonJson(comparison: Comparison): Record<string, unknown> {
  return {
    summary: Object.fromEntries(SUMMARY_NAMES.map((name) => [name, comparison.summary[name].delta])),
    overall: comparison.overall,
    perClass: Object.fromEntries(comparison.classes.map((c) => [c.label, c.delta])),
  };
}

export function tagJson(report: TagReport): Record<string, unknown> {
  return {
    threshold: report.threshold,
    images: report.images,
    exactMatch: report.exactMatch,
    top1: report.top1,
    perTag: Object.fromEntries(report.tags.map(({ tag, ...figures }) => [tag, figures])),
  };
}

/** One run, or two compared: the first run's figures at the top level, the second's and B − A under `comparedWith`. */
export function evaluationJson(
  runs: readonly { report: DetectionReport; predictions: string }[],
  context: { groundTruth: string; notes: readonly string[]; nameOf?: (id: string) => string },
): Record<string, unknown> {
  const [a, b] = runs;
  return {
    groundTruth: context.groundTruth,
    predictions: a!.predictions,
    ...detectionJson(a!.report, context.nameOf),
    notes: context.notes,
    ...(b ? { comparedWith: { predictions: b.predictions, ...detectionJson(b.report, context.nameOf), difference: comparisonJson(compareReports(a!.report, b.report)) } } : {}),
  };
}
