import { outsideRange } from './coco-rules';
import type { ClassGroup } from './groups';

/** How one class's detections on one image matched its truth, at each IoU threshold (COCOeval's evaluateImg). */
export interface GroupMatch {
  /** Index of the truth detection d matched at threshold t, or -1: at t × detections + d. */
  truthOf: Int32Array;
  /** 1 where a detection counts neither way: it matched an ignored truth, or matched nothing and is out of the area range. */
  ignored: Uint8Array;
  /** 1 for a truth that does not count: a crowd region, or outside the area range. */
  truthIgnored: Uint8Array;
  /** Truths that count. */
  counted: number;
}

/**
 * COCOeval's matching, for one class on one image, within one area range:
 * - truth that is a crowd region or outside the range is ignored; ignored truth is tried last;
 * - detections go best score first; each takes the truth it overlaps most at or above the threshold (on a tie the
 *   later truth in order wins, as `if iou < best: continue` lets an equal one replace the match);
 * - one match per truth, except a crowd region, which every detection inside it may match;
 * - once a detection has a counted truth, it stops at the first ignored one: it never trades a real match for a crowd;
 * - a detection that matched ignored truth is ignored too, and so is an unmatched one outside the area range.
 */
export function matchGroup(group: ClassGroup, thresholds: readonly number[], range: readonly [number, number]): GroupMatch {
  const G = group.truth.length;
  const D = group.detections.length;
  const T = thresholds.length;
  const truthIgnored = new Uint8Array(G);
  let counted = 0;
  for (let g = 0; g < G; g++) {
    truthIgnored[g] = group.crowd[g] === 1 || outsideRange(group.truthArea[g]!, range) ? 1 : 0;
    if (!truthIgnored[g]) counted++;
  }
  // Counted truth first, ignored last, each in the order given (a stable sort on the ignore flag).
  const order: number[] = [];
  for (let g = 0; g < G; g++) if (!truthIgnored[g]) order.push(g);
  for (let g = 0; g < G; g++) if (truthIgnored[g]) order.push(g);

  const truthOf = new Int32Array(T * D).fill(-1);
  const ignored = new Uint8Array(T * D);
  const taken = new Uint8Array(G);
  for (let t = 0; t < T; t++) {
    taken.fill(0);
    for (let d = 0; d < D; d++) {
      let best = Math.min(thresholds[t]!, 1 - 1e-10);
      let m = -1;
      for (const g of order) {
        if (taken[g] && !group.crowd[g]) continue;
        if (m > -1 && !truthIgnored[m] && truthIgnored[g]) break;
        const overlap = group.ious[d * G + g]!;
        if (overlap < best) continue;
        best = overlap;
        m = g;
      }
      if (m === -1) {
        if (outsideRange(group.detectionArea[d]!, range)) ignored[t * D + d] = 1;
        continue;
      }
      truthOf[t * D + d] = m;
      ignored[t * D + d] = truthIgnored[m]!;
      taken[m] = 1;
    }
  }
  return { truthOf, ignored, truthIgnored, counted };
}
