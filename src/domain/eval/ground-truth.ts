import { ProblemList } from '../dataset/errors';
import { isRecord, parseJson } from '../dataset/json';
import { baseName, type Dataset } from '../dataset/model';
import { parseCoco } from '../formats/coco/import';
import type { TruthBox } from './types';

export interface TruthImage {
  /** The file name as the set gives it: what results and messages call the image. */
  id: string;
  /** COCO's image id, which a results list refers to (COCO sets only). */
  cocoId?: number;
  width: number;
  height: number;
  truth: TruthBox[];
  tags: string[];
}

export interface GroundTruth {
  file: string;
  /** In COCOeval's order: by COCO image id for COCO files, else as the set lists them. */
  images: TruthImage[];
  /** Category names in category order. */
  classes: string[];
  /** COCO category id → name (COCO sets only). */
  categories?: Map<number, string>;
}

/**
 * COCO ground truth for evaluation. The project's strict reader checks it first (every problem named by field);
 * then boxes are taken as the file gives them, unclipped, with `iscrowd` and `area`, as pycocotools reads them.
 */
export function groundTruthFromCoco(text: string, file: string): GroundTruth {
  const dataset = parseCoco(text, file);
  const doc = parseJson(text, file) as { images: Record<string, unknown>[]; annotations: Record<string, unknown>[]; categories: { id: number; name: string }[] };
  const categories = new Map(doc.categories.map((c) => [c.id, c.name.trim()]));
  const byId = new Map<number, TruthImage>();
  for (const image of doc.images) {
    const attributes = isRecord(image.attributes) ? image.attributes : {};
    const tags = Array.isArray(attributes.tags) ? attributes.tags.filter((t): t is string => typeof t === 'string') : [];
    byId.set(image.id as number, { id: image.file_name as string, cocoId: image.id as number, width: image.width as number, height: image.height as number, truth: [], tags });
  }
  for (const a of doc.annotations) {
    const [x, y, w, h] = a.bbox as number[];
    byId.get(a.image_id as number)!.truth.push({
      label: categories.get(a.category_id as number)!,
      box: { x: x!, y: y!, w: w!, h: h! },
      ...(a.iscrowd ? { crowd: true } : {}),
      ...(typeof a.area === 'number' && Number.isFinite(a.area) ? { area: a.area } : {}),
    });
  }
  return { file, images: [...byId.values()].sort((a, b) => a.cocoId! - b.cocoId!), classes: dataset.labels, categories };
}

/** Ground truth from a set read by the project's other readers (YOLO, VOC, CSV): no crowd regions, no COCO ids. */
export function groundTruthFromDataset(dataset: Dataset, file: string): GroundTruth {
  const images = new Map<string, TruthImage>(dataset.images.map((i) => [i.fileName, { id: i.fileName, width: i.width, height: i.height, truth: [], tags: [...(i.tags ?? [])] }]));
  for (const a of dataset.annotations) images.get(a.imageFileName)?.truth.push({ label: a.label, box: { ...a.box } });
  return { file, images: [...images.values()], classes: [...dataset.labels] };
}

/**
 * Finds ground-truth images by the names another file gives them: the same file name, else the same base name
 * when only one image has it (`workbench detect` names files by the path it was given).
 */
export function imageFinder(gt: GroundTruth): (name: string) => TruthImage | undefined {
  const exact = new Map(gt.images.map((i) => [i.id, i]));
  const byBase = new Map<string, TruthImage | null>();
  for (const image of gt.images) {
    const base = baseName(image.id);
    byBase.set(base, byBase.has(base) ? null : image);
  }
  return (name) => exact.get(name) ?? byBase.get(baseName(name)) ?? undefined;
}

export function refuse(file: string, message: string): never {
  const problems = new ProblemList();
  problems.add(file, message);
  problems.throwIfAny();
  throw new Error(message);
}
