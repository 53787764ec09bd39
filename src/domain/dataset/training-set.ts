import { dict } from '../dict';
import { exportDataset } from './codec';
import type { Dataset, DatasetFormat, ExportedSet } from './model';
import { assignSplits, type SplitRatios } from './split';
import { type AnnotationFilter, type ClassMap, filterAnnotations, mapClasses } from './training';

export interface TrainingSetOptions {
  format: DatasetFormat;
  filter: AnnotationFilter;
  classes: ClassMap;
  /** Absent: one set, no split. */
  split?: SplitRatios;
  includeImages: boolean;
}

export interface TrainingSet extends ExportedSet {
  dataset: Dataset;
  /** Images per split (or all under "all"). */
  counts: Record<string, number>;
}

/** Filter, then map classes, then split, then write: the same steps for the app's export and the CLI. */
export async function buildTrainingSet(dataset: Dataset, options: TrainingSetOptions, sha256Of?: (fileName: string) => string | undefined): Promise<TrainingSet> {
  const chosen = mapClasses(filterAnnotations(dataset, options.filter), options.classes);
  const splitOf = options.split
    ? await assignSplits(
        chosen.images.map((i) => ({ fileName: i.fileName, ...(sha256Of?.(i.fileName) ? { sha256: sha256Of(i.fileName)! } : {}) })),
        options.split,
      )
    : undefined;
  const counts = dict<number>();
  for (const image of chosen.images) {
    const key = splitOf?.get(image.fileName) ?? 'all';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { ...exportDataset(options.format, chosen, splitOf), dataset: chosen, counts };
}
