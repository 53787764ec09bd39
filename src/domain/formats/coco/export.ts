import type { Detection } from '../../detection';
import type { CocoAnnotation, CocoCategory, CocoDataset, CocoImage } from './types';

export interface CocoExportEntry<I extends CocoImage = CocoImage> {
  /** Written as given, so callers can add fields such as `sha256`. */
  image: I;
  detections: readonly Detection[];
}

export class CocoExportError extends Error {
  override name = 'CocoExportError';
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** Category ids follow the COCO convention of starting at 1: label index + 1, stable for a given label list. */
export const categoryId = (classIndex: number) => classIndex + 1;

/**
 * Builds a COCO detection-results dataset. Every label becomes a category (used or not) so ids mean the
 * same in every file exported with the same model. Annotation ids run 1..N in image order.
 */
export function toCoco<I extends CocoImage>(entries: readonly CocoExportEntry<I>[], labels: readonly string[]): CocoDataset<I> {
  const seen = new Set<number>();
  for (const { image } of entries) {
    if (seen.has(image.id)) throw new CocoExportError(`image id ${image.id} is used twice`);
    seen.add(image.id);
  }
  const annotations: CocoAnnotation[] = [];
  for (const { image, detections } of entries) {
    for (const detection of detections) {
      if (labels[detection.classIndex] !== detection.label) {
        const { label, classIndex } = detection;
        throw new CocoExportError(`${image.file_name}: detection "${label}" has class index ${classIndex}, not that label's index`);
      }
      const bbox = roundBox(detection);
      annotations.push({
        id: annotations.length + 1,
        image_id: image.id,
        category_id: categoryId(detection.classIndex),
        bbox,
        area: round(bbox[2] * bbox[3], 2),
        score: round(detection.score, 4),
        iscrowd: 0,
      });
    }
  }
  const categories: CocoCategory[] = labels.map((name, index) => ({ id: categoryId(index), name }));
  return { images: entries.map((e) => e.image), annotations, categories };
}

/** Rounds the corners rather than x and w, so a box that ends at the image edge still ends there after rounding. */
function roundBox({ box }: Detection): [number, number, number, number] {
  const x1 = round(box.x, 2);
  const y1 = round(box.y, 2);
  const x2 = round(box.x + box.w, 2);
  const y2 = round(box.y + box.h, 2);
  return [x1, y1, round(x2 - x1, 2), round(y2 - y1, 2)];
}
