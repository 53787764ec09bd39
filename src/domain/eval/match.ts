import type { ClassGroup } from './groups';

/** What a detection came to at one IoU threshold. */
export const FALSE_POSITIVE = 0;
export const TRUE_POSITIVE = 1;
/** Neither right nor wrong: it matched a crowd region or truth outside the area range, or matched nothing and is itself outside the range. */
export const IGNORED = 2;

/**
 * Where a group's results go: the outcome of its detection d at threshold t is at `t * stride + offset + d`, in
 * arrays shared by every group of a class (allocating per group and area range made the garbage collector the
 * slowest part). `truthOf`, when given, receives the index of the matched truth, or -1.
 */
export interface MatchOutput {
  outcome: Uint8Array;
  truthOf?: Int32Array;
  stride: number;
  offset: number;
}

let order = new Int32Array(64);
let taken = new Uint8Array(64);
let truthIgnored = new Uint8Array(64);

/**
 * COCOeval's matching (evaluateImg), for one class on one image, within one area range; returns how many truths count.
 * - truth that is a crowd region or outside the range is ignored; ignored truth is tried last;
 * - detections go best score first; each takes the truth it overlaps most at or above the threshold (on a tie the
 *   later truth in order wins, as `if iou < best: continue` lets an equal one replace the match);
 * - one match per truth, except a crowd region, which every detection inside it may match;
 * - once a detection has a counted truth, it stops at the first ignored one: it never trades a real match for a crowd;
 * - a detection that matched ignored truth is ignored too, and so is an unmatched one outside the area range.
 */
export function matchGroup(group: ClassGroup, thresholds: readonly number[], range: readonly [number, number], out: MatchOutput): number {
  const G = group.truth.length;
  const D = group.detections.length;
  if (G > order.length) {
    order = new Int32Array(G * 2);
    taken = new Uint8Array(G * 2);
    truthIgnored = new Uint8Array(G * 2);
  }
  // Hot loop: plain locals, not imported helpers (a module binding read per box showed up in profiles).
  const [low, high] = range;
  const { crowd, truthArea, ious, detectionArea } = group;
  let counted = 0;
  for (let g = 0; g < G; g++) {
    const area = truthArea[g]!;
    truthIgnored[g] = crowd[g] === 1 || area < low || area > high ? 1 : 0;
    if (!truthIgnored[g]) counted++;
  }
  const { outcome, truthOf, stride, offset } = out;
  if (D === 0) return counted;
  if (counted === 0 && detectionArea.every((area) => area < low || area > high)) {
    // Nothing here counts either way in this range, whatever matches what (common for small/medium/large): skip matching.
    for (let t = 0; t < thresholds.length; t++) {
      outcome.fill(2, t * stride + offset, t * stride + offset + D); // IGNORED
      if (truthOf) truthOf.fill(-1, t * stride + offset, t * stride + offset + D);
    }
    return counted;
  }
  // Counted truth first, ignored last, each in the order given (a stable sort on the ignore flag).
  let n = 0;
  for (let g = 0; g < G; g++) if (!truthIgnored[g]) order[n++] = g;
  for (let g = 0; g < G; g++) if (truthIgnored[g]) order[n++] = g;

  for (let t = 0; t < thresholds.length; t++) {
    taken.fill(0, 0, G);
    const limit = Math.min(thresholds[t]!, 1 - 1e-10);
    const base = t * stride + offset;
    for (let d = 0; d < D; d++) {
      let best = limit;
      let m = -1;
      for (let k = 0; k < G; k++) {
        const g = order[k]!;
        if (taken[g] && !crowd[g]) continue;
        if (m > -1 && !truthIgnored[m] && truthIgnored[g]) break;
        const overlap = ious[d * G + g]!;
        if (overlap < best) continue;
        best = overlap;
        m = g;
      }
      if (truthOf) truthOf[base + d] = m;
      if (m === -1) {
        const area = detectionArea[d]!;
        outcome[base + d] = area < low || area > high ? 2 : 0; // IGNORED : FALSE_POSITIVE
        continue;
      }
      outcome[base + d] = truthIgnored[m] ? 2 : 1; // IGNORED : TRUE_POSITIVE
      taken[m] = 1;
    }
  }
  return counted;
}
