// What `workbench train --data` reads: a COCO file with its images beside it, or a folder or zip in any format the
// app imports (COCO, YOLO, VOC, CSV) with the images in it, or, for tags, a folder of class folders.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { importDataset } from '../domain/dataset/codec';
import { detectFormat } from '../domain/dataset/detect-format';
import { DatasetError } from '../domain/dataset/errors';
import { bundledImageSizes } from '../domain/dataset/match';
import { baseName, type Dataset } from '../domain/dataset/model';
import { splitSetFiles } from '../domain/dataset/zip';
import { readImageHeader } from '../domain/image-header';
import type { TrainingTask } from '../domain/training/examples';
import { tagsFromFolders } from '../domain/training/from-dataset';
import { readSetInput } from './dataset-io';

export interface TrainingData {
  dataset: Dataset;
  /** Image bytes by the file name the dataset uses. */
  images: Map<string, Uint8Array>;
  /** Dataset images whose bytes were not found: left out and said so. */
  missing: string[];
  describe: string;
}

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/** A COCO file's images: file_name relative to the file's folder, else in images/ beside it, else beside it by name. */
async function imagesBesideCoco(file: string, dataset: Dataset): Promise<Pick<TrainingData, 'images' | 'missing'>> {
  const images = new Map<string, Uint8Array>();
  const missing: string[] = [];
  const folder = dirname(file);
  for (const image of dataset.images) {
    const candidates = [join(folder, image.fileName), join(folder, 'images', baseName(image.fileName)), join(folder, baseName(image.fileName))];
    let found: string | undefined;
    for (const candidate of candidates) {
      if (await isFile(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found) images.set(image.fileName, new Uint8Array(await readFile(found)));
    else missing.push(image.fileName);
  }
  return { images, missing };
}

export async function readTrainingData(path: string, task: TrainingTask): Promise<TrainingData> {
  const single = extname(path).toLowerCase() === '.json' && (await isFile(path));
  if (single) {
    const dataset = importDataset('coco', { [basename(path)]: await readFile(path, 'utf8') }, new Map());
    return { dataset, ...(await imagesBesideCoco(path, dataset)), describe: `COCO file ${basename(path)}` };
  }
  const { text, images: bundled } = splitSetFiles(await readSetInput(path));
  const format = detectFormat(text);
  if (!format) {
    if (task === 'tags') {
      const folders = tagsFromFolders(Object.keys(bundled));
      if (folders && folders.size > 0) return classFolders(bundled, folders, path);
    }
    throw new DatasetError([{ file: path, message: `no annotations found (COCO JSON, YOLO data.yaml or labels, VOC XML, CSV)${task === 'tags' ? ', nor images in class folders' : ''}` }]);
  }
  const sizes = bundledImageSizes(bundled);
  const dataset = importDataset(format, text, sizes);
  const images = new Map<string, Uint8Array>();
  const missing: string[] = [];
  for (const image of dataset.images) {
    const found = sizes.get(baseName(image.fileName));
    if (found) images.set(image.fileName, bundled[found.path]!);
    else missing.push(image.fileName);
  }
  return { dataset, images, missing, describe: `${format.toUpperCase()} set ${basename(path)}` };
}

function classFolders(bundled: Record<string, Uint8Array>, folders: Map<string, string>, path: string): TrainingData {
  const dataset: Dataset = { labels: [...new Set(folders.values())].sort(), images: [], annotations: [] };
  const images = new Map<string, Uint8Array>();
  const problems: { file: string; message: string }[] = [];
  for (const [file, label] of folders) {
    try {
      const { width, height } = readImageHeader(bundled[file]!);
      dataset.images.push({ fileName: file, width, height, tags: [label] });
      images.set(file, bundled[file]!);
    } catch (error) {
      problems.push({ file, message: (error as Error).message });
    }
  }
  if (problems.length > 0) throw new DatasetError(problems);
  return { dataset, images, missing: [], describe: `${dataset.images.length} images in ${dataset.labels.length} class folders of ${basename(path)}` };
}
