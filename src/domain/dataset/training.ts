import { own } from '../dict';
import { normaliseLabel } from '../labels';
import type { Dataset } from './model';

/** Which annotations go into a training set. Rejected ones never do. */
export interface AnnotationFilter {
  /** reviewed: accepted and edited only; with-suggestions: also suggestions scoring at least minScore. */
  include: 'reviewed' | 'with-suggestions';
  minScore: number;
}

/** label → new name (rename; several labels to one name merge them), or null to drop the label's boxes. */
export type ClassMap = Readonly<Record<string, string | null>>;

export function filterAnnotations(dataset: Dataset, filter: AnnotationFilter): Dataset {
  const annotations = dataset.annotations.filter((a) => {
    const status = a.status ?? 'accepted';
    if (status === 'accepted' || status === 'edited') return true;
    return status === 'suggested' && filter.include === 'with-suggestions' && (a.score ?? 1) >= filter.minScore;
  });
  return { ...dataset, annotations };
}

/**
 * Renames, merges and drops classes. The label list keeps the order of the first label mapping to each
 * name, so category ids stay stable for a given label set and map.
 */
export function mapClasses(dataset: Dataset, map: ClassMap): Dataset {
  const target = (label: string): string | null => {
    const to = own(map, label);
    if (to === undefined) return label;
    return to === null ? null : normaliseLabel(to) || label;
  };
  const labels = [...new Set(dataset.labels.map(target).filter((l): l is string => l !== null))];
  const annotations = dataset.annotations.flatMap((a) => {
    const label = target(a.label);
    if (label === null) return [];
    if (!labels.includes(label)) labels.push(label);
    return [{ ...a, label }];
  });
  return { ...dataset, labels, annotations };
}
