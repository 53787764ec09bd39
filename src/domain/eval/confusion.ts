import type { BBox } from '../geometry';
import { iou as plainIou } from '../geometry';
import type { Grouped } from './groups';
import { IGNORED } from './match';
import type { ClassMatch } from './operating-point';

/** The row and column for boxes with no counterpart: truth missed (its column), detections of nothing (its row). */
export const BACKGROUND = '(background)';

export type MarkKind = 'tp' | 'fp' | 'missed' | 'ignored';

/** What the viewer draws on an image after an evaluation. */
export interface Mark {
  kind: MarkKind;
  label: string;
  box: BBox;
  /** A detection's score. */
  score?: number;
  /** A false positive lying on truth of another class names that class; the truth it hides names the detection's. */
  other?: string;
}

export interface ConfusionCell {
  truth: string;
  predicted: string;
  count: number;
  /** The images the cell's boxes are on, in evaluation order. */
  images: string[];
}

export interface Confusion {
  /** Every class, then BACKGROUND; rows are truth, columns are predictions. */
  labels: string[];
  /** The cells that are not zero, row by row. */
  cells: ConfusionCell[];
}

interface Loose<T> {
  k: number;
  item: T;
  /** For detections: the order to take them in (score, then as ranked within their class). */
  score: number;
  order: number;
  taken: boolean;
}

/**
 * What every detection scoring at least `threshold` and every counted truth box came to, per image, and the
 * confusion matrix that sums it up. Two passes, at the same IoU:
 * 1. each class on its own, by COCOeval's matching (`matches`): a match is a true positive (the diagonal); a
 *    detection matched to a crowd region is ignored;
 * 2. what is left of either side, across classes, greedily by score: a detection overlapping left-over truth of
 *    another class by at least the IoU is a confusion (truth's row, the detection's column).
 * Detections still left are false alarms (the background row); truth still left is missed (the background column).
 */
export function judge(grouped: Grouped, matches: readonly ClassMatch[], iou: number, threshold: number): { confusion: Confusion; marks: Map<string, Mark[]> } {
  const K = grouped.classes.length;
  const labels = [...grouped.classes, BACKGROUND];
  const counts = new Map<number, { count: number; images: number[] }>();
  const add = (truth: number, predicted: number, image: number) => {
    const key = truth * (K + 1) + predicted;
    let cell = counts.get(key);
    if (!cell) counts.set(key, (cell = { count: 0, images: [] }));
    cell.count++;
    if (cell.images.at(-1) !== image) cell.images.push(image);
  };
  // Groups of each image, so each image is judged on its own.
  const byImage = new Map<number, [number, number][]>();
  grouped.groups.forEach((groups, k) =>
    groups.forEach((g, j) => {
      const list = byImage.get(g.image) ?? [];
      list.push([k, j]);
      byImage.set(g.image, list);
    }),
  );
  const marks = new Map<string, Mark[]>();
  for (const image of [...byImage.keys()].sort((a, b) => a - b)) {
    const out: Mark[] = [];
    const looseDetections: Loose<{ box: BBox; score: number; label: string }>[] = [];
    const looseTruth: Loose<{ box: BBox; label: string }>[] = [];
    for (const [k, j] of byImage.get(image)!) {
      const group = grouped.groups[k]![j]!;
      const { outcome, truthOf, layout } = matches[k]!;
      const offset = layout.offsets[j]!;
      const found = new Uint8Array(group.truth.length);
      group.detections.forEach((d, i) => {
        if (d.score < threshold) return;
        const g = truthOf[offset + i]!;
        if (outcome[offset + i] === IGNORED) out.push({ kind: 'ignored', label: d.label, box: d.box, score: d.score });
        else if (g >= 0) {
          found[g] = 1;
          add(k, k, image);
          out.push({ kind: 'tp', label: d.label, box: d.box, score: d.score });
        } else looseDetections.push({ k, item: d, score: d.score, order: looseDetections.length, taken: false });
      });
      group.truth.forEach((t, g) => {
        if (!found[g] && !group.crowd[g]) looseTruth.push({ k, item: t, score: 0, order: looseTruth.length, taken: false });
      });
    }
    looseDetections.sort((a, b) => b.score - a.score || a.order - b.order);
    for (const d of looseDetections) {
      let best: Loose<{ box: BBox; label: string }> | null = null;
      let bestIou = iou;
      for (const t of looseTruth) {
        if (t.taken || t.k === d.k) continue;
        const overlap = plainIou(d.item.box, t.item.box);
        if (overlap >= bestIou && (best === null || overlap > bestIou)) {
          best = t;
          bestIou = overlap;
        }
      }
      if (best) {
        best.taken = d.taken = true;
        add(best.k, d.k, image);
        out.push({ kind: 'fp', label: d.item.label, box: d.item.box, score: d.score, other: best.item.label });
        out.push({ kind: 'missed', label: best.item.label, box: best.item.box, other: d.item.label });
      }
    }
    for (const d of looseDetections) {
      if (d.taken) continue;
      add(K, d.k, image);
      out.push({ kind: 'fp', label: d.item.label, box: d.item.box, score: d.score });
    }
    for (const t of looseTruth) {
      if (t.taken) continue;
      add(t.k, K, image);
      out.push({ kind: 'missed', label: t.item.label, box: t.item.box });
    }
    if (out.length) marks.set(grouped.imageIds[image]!, out);
  }
  const cells = [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, cell]): ConfusionCell => ({
      truth: labels[Math.floor(key / (K + 1))]!,
      predicted: labels[key % (K + 1)]!,
      count: cell.count,
      images: cell.images.map((i) => grouped.imageIds[i]!),
    }));
  return { confusion: { labels, cells }, marks };
}
