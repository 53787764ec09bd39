import { datasetToCoco } from '../formats/coco/dataset-export';
import { parseCoco } from '../formats/coco/import';
import { exportCsv } from '../formats/csv/export';
import { parseCsvSet } from '../formats/csv/import';
import { exportVoc } from '../formats/voc/export';
import { parseVoc } from '../formats/voc/import';
import { exportYolo } from '../formats/yolo/export';
import { parseYolo } from '../formats/yolo/import';
import { DatasetError, ProblemList } from './errors';
import { baseName, type Dataset, type DatasetFormat, type ExportedSet, type KnownImages, type SplitOf, SPLITS, type TextFiles } from './model';
import { dict } from '../dict';

const COCO_INFO = { description: 'Recognition Workbench dataset export', version: '1.0' };

/** Writes a dataset in a format: its text files, and where images go if they are included. */
export function exportDataset(format: DatasetFormat, dataset: Dataset, splitOf?: SplitOf): ExportedSet {
  switch (format) {
    case 'coco':
      return exportCocoSet(dataset, splitOf);
    case 'yolo':
      return exportYolo(dataset, splitOf);
    case 'voc':
      return exportVoc(dataset, splitOf);
    case 'csv':
      return exportCsv(dataset, splitOf);
  }
}

/** COCO: `annotations.json` + `images/`, or with a split `annotations/instances_<split>.json` + `images/<split>/`. */
function exportCocoSet(dataset: Dataset, splitOf?: SplitOf): ExportedSet {
  const imagePaths = new Map<string, string[]>();
  // pycocotools' loadRes copies the ground truth's `info`; some versions fail without one.
  const json = (d: Dataset) => `${JSON.stringify({ info: COCO_INFO, licenses: [], ...datasetToCoco(d) }, null, 1)}\n`;
  if (!splitOf) {
    for (const i of dataset.images) imagePaths.set(i.fileName, [`images/${baseName(i.fileName)}`]);
    return { files: { 'annotations.json': json(dataset) }, imagePaths };
  }
  const files: TextFiles = dict();
  for (const split of SPLITS) {
    const images = dataset.images.filter((i) => splitOf.get(i.fileName) === split);
    if (images.length === 0) continue;
    const names = new Set(images.map((i) => i.fileName));
    for (const i of images) imagePaths.set(i.fileName, [`images/${split}/${baseName(i.fileName)}`]);
    files[`annotations/instances_${split}.json`] = json({ labels: dataset.labels, images, annotations: dataset.annotations.filter((a) => names.has(a.imageFileName)) });
  }
  return { files, imagePaths };
}

/**
 * Reads a dataset's text files in a format. `known` holds the sizes of the images the set may refer to
 * (the project's and those brought in the set): YOLO needs them, CSV uses them where rows give no size.
 * Several COCO files (one per split) are read as one set.
 */
export function importDataset(format: DatasetFormat, files: TextFiles, known: KnownImages): Dataset {
  switch (format) {
    case 'coco': {
      const paths = Object.keys(files).filter((p) => p.toLowerCase().endsWith('.json')).sort();
      if (paths.length === 0) throw new DatasetError([{ file: '(set)', message: 'no COCO JSON file (*.json) found' }]);
      const problems = new ProblemList();
      const parts: Dataset[] = [];
      for (const path of paths) {
        try {
          parts.push(parseCoco(files[path]!, path));
        } catch (error) {
          if (!(error instanceof DatasetError)) throw error;
          problems.items.push(...error.problems);
        }
      }
      problems.throwIfAny();
      return mergeDatasets(parts);
    }
    case 'yolo':
      return parseYolo(files, known);
    case 'voc':
      return parseVoc(files);
    case 'csv':
      return parseCsvSet(files, known);
  }
}

/** Several sets as one: labels in order of first appearance; an image named in two sets is refused. */
export function mergeDatasets(parts: readonly Dataset[]): Dataset {
  if (parts.length === 1) return parts[0]!;
  const problems = new ProblemList();
  const seen = new Map<string, string>();
  for (const part of parts) {
    for (const image of part.images) {
      const first = seen.get(image.fileName);
      if (first !== undefined) problems.add(image.origin ?? image.fileName, `${image.fileName} is also in ${first}`);
      else seen.set(image.fileName, image.origin ?? '');
    }
  }
  problems.throwIfAny();
  return {
    labels: [...new Set(parts.flatMap((p) => p.labels))],
    images: parts.flatMap((p) => p.images),
    annotations: parts.flatMap((p) => p.annotations),
  };
}
