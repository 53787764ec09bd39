import type { AnnotationStatus, Source } from '../annotation';
import type { BBox } from '../geometry';
import { DatasetError, type DatasetProblem } from './errors';

/**
 * The neutral model every format reads into and writes from. Images are named by file name (what other tools
 * key on); boxes are in image pixels, top-left origin, like everywhere else in the workbench.
 */
export interface DatasetImage {
  fileName: string;
  width: number;
  height: number;
  /** Image-level labels (a classifier's tags, or a person's). */
  tags?: string[];
  /** Where the image was read from, for messages: "annotations.json images[3]", "Annotations/a.xml". */
  origin?: string;
}

export interface DatasetAnnotation {
  imageFileName: string;
  label: string;
  box: BBox;
  score?: number;
  status?: AnnotationStatus;
  source?: Source;
  /** Where the annotation was read from, for messages: "labels/a.txt line 3", "annotations.json annotations[7]". */
  origin?: string;
}

export interface Dataset {
  /** Class names in category order: COCO id = index + 1, YOLO class = index. */
  labels: string[];
  images: DatasetImage[];
  annotations: DatasetAnnotation[];
}

export type DatasetFormat = 'coco' | 'yolo' | 'voc' | 'csv';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['coco', 'yolo', 'voc', 'csv'];

export function isDatasetFormat(value: string): value is DatasetFormat {
  return (DATASET_FORMATS as readonly string[]).includes(value);
}

/** Text files of an exported dataset, by path inside the set ("labels/a.txt"). */
export type TextFiles = Record<string, string>;

/** Sizes of the images a set may refer to (the project's, or those brought in the set), by file name. */
export type KnownImages = ReadonlyMap<string, { width: number; height: number }>;

/** The last part of a path, with / or \ as separator. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** A file name without its extension (what YOLO and VOC name their per-image files after). */
export function stemOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Boxes may poke out of the image by this much (float rounding in other tools' files) and are then clipped. */
export const PIXEL_TOLERANCE = 0.01;

/** The problem with a box in an image of this size, or null; a box within tolerance of the edges is fine. */
export function boxProblem(box: BBox, width: number, height: number, tolerance = PIXEL_TOLERANCE): string | null {
  const { x, y, w, h } = box;
  if (![x, y, w, h].every(Number.isFinite)) return 'coordinates must be numbers';
  if (w <= 0 || h <= 0) return `empty box (width ${w}, height ${h})`;
  if (x < -tolerance || y < -tolerance || x + w > width + tolerance || y + h > height + tolerance) {
    return `box x ${x}, y ${y}, w ${w}, h ${h} is outside the image (${width} × ${height})`;
  }
  return null;
}

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export type Split = 'train' | 'val' | 'test';
export const SPLITS: readonly Split[] = ['train', 'val', 'test'];

/** An exporter's output: its text files, and where each image goes when images are included (first path first). */
export interface ExportedSet {
  files: TextFiles;
  imagePaths: Map<string, string[]>;
}

/** Which split each image (by file name) is in; absent: no split, one set. */
export type SplitOf = ReadonlyMap<string, Split>;

/**
 * Exporters write each image (and the files named after it) under its base name, never under the path a set
 * gave it ("../x.jpg", "sub/x.jpg"). Two images that would be written under one name refuse the set, both named.
 * `nameOf`: the written name (base name, or stem for formats that name files after it).
 */
export function refuseNameClashes(dataset: Dataset, nameOf: (fileName: string) => string, clash: (first: string, second: string, name: string) => string): void {
  const seen = new Map<string, string>();
  const problems: DatasetProblem[] = [];
  for (const { fileName } of dataset.images) {
    const name = nameOf(fileName);
    const other = seen.get(name);
    if (other !== undefined) problems.push({ file: fileName, message: clash(other, fileName, name) });
    else seen.set(name, fileName);
  }
  if (problems.length) throw new DatasetError(problems);
}

/** The base-name clash message of formats that list images by file name (COCO, CSV). */
export const sameBaseName = (first: string, second: string, name: string) => `"${first}" and "${second}" would both be written as ${name}; rename one`;
