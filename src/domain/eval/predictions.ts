import { ProblemList } from '../dataset/errors';
import { isRecord, parseJson } from '../dataset/json';
import { parseCoco } from '../formats/coco/import';
import { type GroundTruth, imageFinder, refuse, type TruthImage } from './ground-truth';
import type { TagImage } from './tags';
import type { EvalImage, PredictedBox } from './types';

export interface EvaluationInput {
  images: EvalImage[];
  classes: string[];
  /** What was left out, and why, for the person reading the figures. */
  notes: string[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reads predictions for the ground truth: a COCO results list (`[{image_id, category_id, bbox, score}]`, what
 * pycocotools' loadRes reads), or a COCO file whose annotations carry scores (what `workbench detect` writes).
 */
export function readPredictions(gt: GroundTruth, text: string, file: string): EvaluationInput {
  const doc = parseJson(text, file);
  if (Array.isArray(doc)) return fromResultsList(gt, doc, file);
  if (isRecord(doc) && Array.isArray(doc.annotations) && Array.isArray(doc.images)) return fromCocoFile(gt, text, file);
  return refuse(file, 'expected a COCO results list ([{"image_id", "category_id", "bbox", "score"}, …]) or a COCO file with scored annotations');
}

/**
 * A results list refers to the ground truth's image and category ids; like pycocotools' loadRes it must not name
 * an image the ground truth lacks. Every ground-truth image is evaluated, with or without results (COCOeval's rule).
 */
function fromResultsList(gt: GroundTruth, list: unknown[], file: string): EvaluationInput {
  if (!gt.categories) refuse(file, `a results list names images by COCO image id; give the ground truth (${gt.file}) as COCO JSON, or the predictions as a COCO file with file names`);
  const byId = new Map(gt.images.map((i) => [i.cocoId!, i]));
  const predicted = new Map<TruthImage, PredictedBox[]>();
  const problems = new ProblemList();
  list.forEach((r, i) => {
    const at = (field: string, message: string) => problems.add(file, message, { field: `[${i}]${field}` });
    if (!isRecord(r)) return at('', 'a result must be an object {image_id, category_id, bbox, score}');
    const image = byId.get(r.image_id as number);
    if (!image) return at('.image_id', `image id ${JSON.stringify(r.image_id)} is not in the ground truth (${gt.file})`);
    const label = gt.categories!.get(r.category_id as number);
    if (label === undefined) return at('.category_id', `category id ${JSON.stringify(r.category_id)} is not a category of the ground truth (${gt.file})`);
    const bbox = r.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every(finite) || bbox[2]! < 0 || bbox[3]! < 0) {
      return at('.bbox', 'bbox must be [x, y, width, height], four numbers, width and height not negative');
    }
    if (!finite(r.score)) return at('.score', 'a result needs a score (a number)');
    const [x, y, w, h] = bbox as number[];
    const boxes = predicted.get(image) ?? [];
    boxes.push({ label, box: { x: x!, y: y!, w: w!, h: h! }, score: r.score });
    predicted.set(image, boxes);
  });
  problems.throwIfAny();
  const images = gt.images.map((image) => ({ id: image.id, truth: image.truth, predicted: predicted.get(image) ?? [] }));
  return { images, classes: gt.classes, notes: [] };
}

/**
 * A COCO file of predictions names its images by file: they are matched to the ground truth by name. Images on
 * only one side are left out and counted: the file says which images the model saw.
 */
function fromCocoFile(gt: GroundTruth, text: string, file: string): EvaluationInput {
  parseCoco(text, file); // the project's strict reader: ids, references, boxes inside their images
  const doc = JSON.parse(text) as { images: Record<string, unknown>[]; annotations: Record<string, unknown>[]; categories: { id: number; name: string }[] };
  const problems = new ProblemList();
  doc.annotations.forEach((a, i) => {
    if (a.score === undefined) problems.add(file, 'no score: predictions need one (is this the ground truth?)', { field: `annotations[${i}].score` });
  });
  problems.throwIfAny();
  const names = new Map(doc.categories.map((c) => [c.id, c.name.trim()]));
  const find = imageFinder(gt);
  const imageOf = new Map<number, TruthImage>();
  let notInTruth = 0;
  for (const image of doc.images) {
    const found = find(image.file_name as string);
    if (found) imageOf.set(image.id as number, found);
    else notInTruth++;
  }
  if (imageOf.size === 0) refuse(file, `none of its ${plural(doc.images.length, 'image')} is in the ground truth (${gt.file}); images are matched by file name`);
  const predicted = new Map<TruthImage, PredictedBox[]>([...imageOf.values()].map((i) => [i, []]));
  for (const a of doc.annotations) {
    const image = imageOf.get(a.image_id as number);
    if (!image) continue;
    const [x, y, w, h] = a.bbox as number[];
    predicted.get(image)!.push({ label: names.get(a.category_id as number)!, box: { x: x!, y: y!, w: w!, h: h! }, score: a.score as number });
  }
  const unseen = gt.images.filter((i) => !predicted.has(i)).length;
  const notes: string[] = [];
  if (notInTruth) notes.push(`${plural(notInTruth, 'predicted image')} not in the ground truth: left out`);
  if (unseen) notes.push(`${plural(unseen, 'ground-truth image')} not in ${file}: left out`);
  const classes = [...gt.classes, ...doc.categories.map((c) => c.name.trim()).filter((n) => !gt.classes.includes(n))];
  const images = gt.images.filter((i) => predicted.has(i)).map((image) => ({ id: image.id, truth: image.truth, predicted: predicted.get(image)! }));
  return { images, classes, notes };
}

/** `workbench classify`'s output (one JSON object per line: file, labels with scores) against the ground truth's image tags. */
export function readTagPredictions(gt: GroundTruth, text: string, file: string): { images: TagImage[]; notes: string[] } {
  const find = imageFinder(gt);
  const problems = new ProblemList();
  const seen = new Map<TruthImage, TagImage>();
  let notInTruth = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      return problems.add(file, 'not a JSON object', { line: i + 1 });
    }
    if (!isRecord(row) || typeof row.file !== 'string' || !Array.isArray(row.labels)) return problems.add(file, 'expected {"file", "labels": [{"label", "score"}, …]}', { line: i + 1 });
    const labels = row.labels.filter((l): l is { label: string; score: number } => isRecord(l) && typeof l.label === 'string' && finite(l.score));
    const image = find(row.file);
    if (!image) notInTruth++;
    else seen.set(image, { id: image.id, truth: image.tags, predicted: labels });
  });
  problems.throwIfAny();
  if (seen.size === 0) refuse(file, `none of its images is in the ground truth (${gt.file}); images are matched by file name`);
  const notes: string[] = [];
  if (notInTruth) notes.push(`${plural(notInTruth, 'classified image')} not in the ground truth: left out`);
  const unseen = gt.images.length - seen.size;
  if (unseen) notes.push(`${plural(unseen, 'ground-truth image')} not in ${file}: left out`);
  return { images: gt.images.filter((i) => seen.has(i)).map((i) => seen.get(i)!), notes };
}

/** Whether a predictions file is `workbench classify`'s JSON lines (its first line an object with "file" and "labels") rather than COCO JSON. */
export function isClassifyOutput(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  try {
    const row: unknown = JSON.parse(first);
    return isRecord(row) && typeof row.file === 'string' && Array.isArray(row.labels);
  } catch {
    return false;
  }
}
