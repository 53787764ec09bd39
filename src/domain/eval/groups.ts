import { cocoIou, MAX_MATCHED } from './coco-rules';
import type { EvalImage, PredictedBox, TruthBox } from './types';

/** One image's truth and predictions of one class: what COCOeval evaluates as a unit. */
export interface ClassGroup {
  /** Index of the image in the evaluated list. */
  image: number;
  /** In the order given (COCOeval keeps file order; on equal overlaps the later truth wins). */
  truth: TruthBox[];
  // Plain arrays, not typed ones: a typed array per group (tens of thousands of groups) kept the garbage collector busy.
  truthArea: number[];
  /** 1 for a crowd region. */
  crowd: number[];
  /** Best first; equal scores keep the order given (numpy's stable mergesort). At most MAX_MATCHED. */
  detections: PredictedBox[];
  detectionArea: number[];
  /** Overlap of detection d with truth g at d × truth.length + g. */
  ious: number[];
}

export interface Grouped {
  /** Every class on either side: the order given first, then others as they appear. */
  classes: string[];
  /** Per class, the images that have truth or predictions of it, in image order. */
  groups: ClassGroup[][];
  imageIds: string[];
}

/** Detections best first, ties in the order given. */
export function byScore<T extends { score: number }>(list: readonly T[]): T[] {
  const order = list.map((_, i) => i).sort((a, b) => list[b]!.score - list[a]!.score || a - b);
  return order.map((i) => list[i]!);
}

function makeGroup(image: number, truth: TruthBox[], predicted: PredictedBox[]): ClassGroup {
  // COCOeval sorts the detections and keeps the best maxDets[-1] before it computes any overlap.
  const detections = byScore(predicted).slice(0, MAX_MATCHED);
  const G = truth.length;
  const crowd = truth.map((t) => (t.crowd ? 1 : 0));
  const ious: number[] = [];
  for (const d of detections) for (let g = 0; g < G; g++) ious.push(cocoIou(d.box, truth[g]!.box, crowd[g] === 1));
  return {
    image,
    truth,
    truthArea: truth.map((t) => t.area ?? t.box.w * t.box.h),
    crowd,
    detections,
    // Detections' areas are always w × h (pycocotools' loadRes sets them so).
    detectionArea: detections.map((d) => d.box.w * d.box.h),
    ious,
  };
}

/** Splits every image's boxes by class. `classOrder` fixes the order of known classes (a COCO file's categories). */
export function groupByClass(images: readonly EvalImage[], classOrder: readonly string[] = []): Grouped {
  const index = new Map<string, number>();
  const classes: string[] = [];
  const classOf = (label: string) => {
    let k = index.get(label);
    if (k === undefined) {
      k = classes.length;
      index.set(label, k);
      classes.push(label);
    }
    return k;
  };
  for (const label of classOrder) classOf(label);
  const groups: ClassGroup[][] = classes.map(() => []);
  images.forEach((image, i) => {
    const byClass = new Map<number, { truth: TruthBox[]; predicted: PredictedBox[] }>();
    const slot = (label: string) => {
      const k = classOf(label);
      if (groups[k] === undefined) groups[k] = [];
      let entry = byClass.get(k);
      if (!entry) byClass.set(k, (entry = { truth: [], predicted: [] }));
      return entry;
    };
    for (const t of image.truth) slot(t.label).truth.push(t);
    for (const p of image.predicted) slot(p.label).predicted.push(p);
    for (const [k, { truth, predicted }] of byClass) groups[k]!.push(makeGroup(i, truth, predicted));
  });
  return { classes, groups, imageIds: images.map((i) => i.id) };
}
