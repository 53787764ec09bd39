import type { EvalImage } from './types';

export interface NamedImage {
  fileName: string;
  width: number;
  height: number;
}

/**
 * What an evaluation was run on, as files pycocotools (and `workbench evaluate`) read: the ground truth as a COCO
 * file (image ids 1..N in evaluation order, every class a category, boxes and scores unrounded so the figures come
 * out the same) and the predictions as a COCO results list.
 */
export function evaluationFiles(images: readonly EvalImage[], named: readonly NamedImage[], classes: readonly string[]): { groundTruth: string; results: string } {
  const categoryId = new Map(classes.map((name, i) => [name, i + 1]));
  const idOf = (label: string) => {
    const id = categoryId.get(label);
    if (id === undefined) throw new Error(`"${label}" is not among the classes given`);
    return id;
  };
  const annotations: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  images.forEach((image, i) => {
    for (const t of image.truth) {
      const { x, y, w, h } = t.box;
      annotations.push({ id: annotations.length + 1, image_id: i + 1, category_id: idOf(t.label), bbox: [x, y, w, h], area: t.area ?? w * h, iscrowd: t.crowd ? 1 : 0 });
    }
    for (const p of image.predicted) {
      const { x, y, w, h } = p.box;
      results.push({ image_id: i + 1, category_id: idOf(p.label), bbox: [x, y, w, h], score: p.score });
    }
  });
  const groundTruth = {
    info: { description: 'Recognition Workbench evaluation: reviewed annotations as ground truth', version: '1.0' },
    licenses: [],
    images: named.map((n, i) => ({ id: i + 1, file_name: n.fileName, width: n.width, height: n.height })),
    annotations,
    categories: classes.map((name, i) => ({ id: i + 1, name })),
  };
  return { groundTruth: `${JSON.stringify(groundTruth, null, 1)}\n`, results: `${JSON.stringify(results)}\n` };
}
