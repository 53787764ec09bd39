import type { CocoSummary } from '../../domain/eval/coco-metrics';
import type { Comparison } from '../../domain/eval/compare';
import { BACKGROUND } from '../../domain/eval/confusion';
import type { DetectionReport } from '../../domain/eval/evaluate';
import type { TagReport } from '../../domain/eval/tags';

const fixed = (v: number | null | undefined, width = 6) => (v === null || v === undefined || v === -1 ? '—' : v.toFixed(3)).padStart(width);
const signed = (v: number | null, width = 7) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(3)}`).padStart(width);
const name = (label: string, width: number) => (label.length > width ? `${label.slice(0, width - 1)}…` : label).padEnd(width);

/** COCOeval's twelve lines, in its layout, so they read side by side with pycocotools' output. */
const SUMMARY_LINES: [keyof CocoSummary, 'AP' | 'AR', string, string, number][] = [
  ['AP', 'AP', '0.50:0.95', 'all', 100],
  ['AP50', 'AP', '0.50', 'all', 100],
  ['AP75', 'AP', '0.75', 'all', 100],
  ['APs', 'AP', '0.50:0.95', 'small', 100],
  ['APm', 'AP', '0.50:0.95', 'medium', 100],
  ['APl', 'AP', '0.50:0.95', 'large', 100],
  ['AR1', 'AR', '0.50:0.95', 'all', 1],
  ['AR10', 'AR', '0.50:0.95', 'all', 10],
  ['AR100', 'AR', '0.50:0.95', 'all', 100],
  ['ARs', 'AR', '0.50:0.95', 'small', 100],
  ['ARm', 'AR', '0.50:0.95', 'medium', 100],
  ['ARl', 'AR', '0.50:0.95', 'large', 100],
];

export function summaryText(summary: CocoSummary): string[] {
  return SUMMARY_LINES.map(([key, kind, iou, area, maxDets]) => {
    const title = kind === 'AP' ? 'Average Precision  (AP)' : 'Average Recall     (AR)';
    return ` ${title} @[ IoU=${iou.padEnd(9)} | area=${area.padStart(6)} | maxDets=${String(maxDets).padStart(3)} ] = ${summary[key].toFixed(3)}`;
  });
}

export function classTableText(report: DetectionReport): string[] {
  const width = Math.max(8, ...report.classes.map((c) => c.label.length + 1));
  const lines = [
    `Per class at IoU ${report.iou.toFixed(2)}, score ≥ ${report.threshold.toFixed(2)}:`,
    `${'class'.padEnd(width)} truth  dets      AP   AP50   AP75  prec. recall     F1    TP    FP    FN  best F1 (at score)`,
  ];
  for (const c of report.classes) {
    const best = c.bestF1 ? `${c.bestF1.F1.toFixed(3)} (≥ ${c.bestF1.threshold.toFixed(3)})` : '—';
    lines.push(
      `${name(c.label, width)}${String(c.truths).padStart(5)}${String(c.detections).padStart(6)}  ${fixed(c.AP)} ${fixed(c.AP50)} ${fixed(c.AP75)} ${fixed(c.precision)} ${fixed(c.recall)} ${fixed(c.F1)}${String(c.tp).padStart(6)}${String(c.fp).padStart(6)}${String(c.fn).padStart(6)}  ${best}`,
    );
  }
  const o = report.overall;
  lines.push(`${name('all', width)}${String(report.truths).padStart(5)}${String(report.detections).padStart(6)}  ${''.padStart(20)} ${fixed(o.precision)} ${fixed(o.recall)} ${fixed(o.F1)}${String(o.tp).padStart(6)}${String(o.fp).padStart(6)}${String(o.fn).padStart(6)}`);
  return lines;
}

/** The confusion matrix, limited to the classes with a count in it. */
export function confusionText(report: DetectionReport): string[] {
  const { labels, cells } = report.confusion;
  const used = labels.filter((l) => l !== BACKGROUND && cells.some((c) => c.truth === l || c.predicted === l));
  const rows = [...used, BACKGROUND];
  const head = (l: string, as: 'row' | 'column') => (l === BACKGROUND ? (as === 'row' ? '(false alarm)' : '(missed)') : l);
  const width = Math.max(14, ...used.map((l) => l.length + 1));
  const col = Math.max(7, ...rows.map((l) => head(l, 'column').length + 1));
  const count = (t: string, p: string) => cells.find((c) => c.truth === t && c.predicted === p)?.count ?? 0;
  const lines = [`Confusion at IoU ${report.iou.toFixed(2)}, score ≥ ${report.threshold.toFixed(2)} (rows: truth, columns: predicted):`];
  lines.push(`${''.padEnd(width)}${rows.map((l) => head(l, 'column').padStart(col)).join('')}`);
  for (const t of rows) lines.push(`${name(head(t, 'row'), width)}${rows.map((p) => (t === BACKGROUND && p === BACKGROUND ? '' : String(count(t, p))).padStart(col)).join('')}`);
  return lines;
}

export function comparisonText(comparison: Comparison, a: string, b: string): string[] {
  const width = Math.max('(summary) '.length, ...comparison.classes.map((c) => c.label.length + 1));
  const lines = [`Difference, ${b} minus ${a}:`, `${'class'.padEnd(width)}     AP    AP50    AP75   prec.  recall      F1`];
  lines.push(`${name('(summary)', width)}${signed(comparison.summary.AP.delta)} ${signed(comparison.summary.AP50.delta)} ${signed(comparison.summary.AP75.delta)} ${signed(comparison.overall.precision)} ${signed(comparison.overall.recall)} ${signed(comparison.overall.F1)}`);
  for (const c of comparison.classes) {
    const d = c.delta;
    lines.push(`${name(c.label, width)}${signed(d.AP)} ${signed(d.AP50)} ${signed(d.AP75)} ${signed(d.precision)} ${signed(d.recall)} ${signed(d.F1)}`);
  }
  return lines;
}

export function tagText(report: TagReport): string[] {
  const width = Math.max(8, ...report.tags.map((t) => t.tag.length + 1));
  const lines = [
    `Image tags at score ≥ ${report.threshold.toFixed(2)} on ${report.images} images: exact match ${fixed(report.exactMatch, 0)}, top-1 accuracy ${fixed(report.top1, 0)}`,
    `${'tag'.padEnd(width)} truth    TP    FP    FN  prec. recall     F1`,
  ];
  for (const t of report.tags) {
    lines.push(`${name(t.tag, width)}${String(t.truths).padStart(5)}${String(t.tp).padStart(6)}${String(t.fp).padStart(6)}${String(t.fn).padStart(6)} ${fixed(t.precision)} ${fixed(t.recall)} ${fixed(t.F1)}`);
  }
  return lines;
}
