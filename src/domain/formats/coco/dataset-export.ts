import type { Dataset } from '../../dataset/model';
import { baseName, refuseNameClashes, round, sameBaseName } from '../../dataset/model';
import type { CocoAnnotation, CocoDataset, CocoImage } from './types';

/**
 * A dataset as COCO object-detection JSON (what pycocotools' COCO() loads): image ids 1..N in order,
 * category ids 1-based in label order (stable for a given label set), annotation ids 1..N. A score is
 * written for suggestions (and wherever the set has one), so a results file and ground truth share a shape.
 * `file_name` is the base name, as the images are written beside it.
 */
export function datasetToCoco(dataset: Dataset): CocoDataset {
  refuseNameClashes(dataset, baseName, sameBaseName);
  const imageIds = new Map<string, number>();
  const images: CocoImage[] = dataset.images.map((image, index) => {
    imageIds.set(image.fileName, index + 1);
    const tags = image.tags?.length ? { attributes: { tags: [...image.tags] } } : {};
    return { id: index + 1, file_name: baseName(image.fileName), width: image.width, height: image.height, ...tags };
  });
  const categoryIds = new Map(dataset.labels.map((name, index) => [name, index + 1]));
  const annotations: CocoAnnotation[] = [];
  for (const a of dataset.annotations) {
    const imageId = imageIds.get(a.imageFileName);
    const categoryId = categoryIds.get(a.label);
    if (imageId === undefined) throw new Error(`annotation for "${a.imageFileName}", which is not among the set's images`);
    if (categoryId === undefined) throw new Error(`annotation labelled "${a.label}", which is not among the set's labels`);
    const bbox = roundedBox(a.box);
    const attributes = a.status || a.source ? { attributes: { ...(a.status ? { status: a.status } : {}), ...(a.source ? { source: a.source } : {}) } } : {};
    annotations.push({
      id: annotations.length + 1,
      image_id: imageId,
      category_id: categoryId,
      bbox,
      area: round(bbox[2] * bbox[3], 2),
      ...(a.score !== undefined ? { score: round(a.score, 4) } : {}),
      iscrowd: 0,
      ...attributes,
    });
  }
  return { images, annotations, categories: dataset.labels.map((name, index) => ({ id: index + 1, name })) };
}

/** Rounds the corners rather than x and w, so a box ending at the image edge still ends there. */
function roundedBox(box: { x: number; y: number; w: number; h: number }): [number, number, number, number] {
  const x1 = round(box.x, 2);
  const y1 = round(box.y, 2);
  return [x1, y1, round(round(box.x + box.w, 2) - x1, 2), round(round(box.y + box.h, 2) - y1, 2)];
}
