import { type CocoSummary, SUMMARY_NAMES } from './coco-metrics';
import type { ClassReport, DetectionReport } from './evaluate';

export const COMPARED = ['AP', 'AP50', 'AP75', 'precision', 'recall', 'F1'] as const;
export type Compared = (typeof COMPARED)[number];

export interface ClassComparison {
  label: string;
  a: ClassReport | null;
  b: ClassReport | null;
  /** b − a; null where either run has no figure (no truth of the class, nothing detected). */
  delta: Record<Compared, number | null>;
}

export interface Comparison {
  summary: Record<keyof CocoSummary, { a: number; b: number; delta: number | null }>;
  overall: { precision: number | null; recall: number | null; F1: number | null };
  classes: ClassComparison[];
}

const defined = (v: number | null | undefined): v is number => v !== null && v !== undefined && v !== -1;
const difference = (a: number | null | undefined, b: number | null | undefined) => (defined(a) && defined(b) ? b - a : null);

/** Two runs on the same images side by side: run B minus run A, per class and over all. */
export function compareReports(a: DetectionReport, b: DetectionReport): Comparison {
  const summary = Object.fromEntries(
    SUMMARY_NAMES.map((name) => [name, { a: a.summary[name], b: b.summary[name], delta: difference(a.summary[name], b.summary[name]) }]),
  ) as Comparison['summary'];
  const labels = [...new Set([...a.classes.map((c) => c.label), ...b.classes.map((c) => c.label)])];
  const classes = labels.map((label): ClassComparison => {
    const ca = a.classes.find((c) => c.label === label) ?? null;
    const cb = b.classes.find((c) => c.label === label) ?? null;
    const delta = Object.fromEntries(COMPARED.map((key) => [key, difference(ca?.[key], cb?.[key])])) as Record<Compared, number | null>;
    return { label, a: ca, b: cb, delta };
  });
  return {
    summary,
    overall: {
      precision: difference(a.overall.precision, b.overall.precision),
      recall: difference(a.overall.recall, b.overall.recall),
      F1: difference(a.overall.F1, b.overall.F1),
    },
    classes,
  };
}
