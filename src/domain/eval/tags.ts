import { dict } from '../dict';
import { counts, type Counts } from './operating-point';

/** One image's tags: those a person gave or accepted, and a classifier's with scores. */
export interface TagImage {
  id: string;
  truth: readonly string[];
  predicted: readonly { label: string; score: number }[];
}

export interface TagFigures extends Counts {
  tag: string;
  /** Images carrying the tag in the truth. */
  truths: number;
}

export interface TagReport {
  threshold: number;
  images: number;
  /** Share of images whose predicted tags (scoring at least the threshold) are exactly their true tags. */
  exactMatch: number | null;
  /** Share of images with true tags whose best-scored prediction is one of them (top-1 accuracy). */
  top1: number | null;
  tags: TagFigures[];
  /** Images as judged, for browsing: those with a tag wrong (predicted but not true, or true but not predicted). */
  wrong: Record<string, string[]>;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Image-level tags: accuracy, and per tag precision and recall of the predictions at or above the threshold. */
export function evaluateTags(images: readonly TagImage[], threshold: number): TagReport {
  const perTag = new Map<string, { truths: number; tp: number; fp: number; fn: number }>();
  const tally = (tag: string) => {
    let t = perTag.get(tag);
    if (!t) perTag.set(tag, (t = { truths: 0, tp: 0, fp: 0, fn: 0 }));
    return t;
  };
  let exact = 0;
  let top1Right = 0;
  let top1Of = 0;
  const wrong = dict<string[]>();
  for (const image of images) {
    const truth = new Set(image.truth);
    const predicted = new Set(image.predicted.filter((p) => p.score >= threshold).map((p) => p.label));
    const misses: string[] = [];
    for (const tag of truth) {
      tally(tag).truths++;
      if (predicted.has(tag)) tally(tag).tp++;
      else {
        tally(tag).fn++;
        misses.push(tag);
      }
    }
    for (const tag of predicted) {
      if (!truth.has(tag)) {
        tally(tag).fp++;
        misses.push(tag);
      }
    }
    if (misses.length === 0) exact++;
    else wrong[image.id] = misses;
    if (truth.size > 0) {
      top1Of++;
      const best = image.predicted.reduce<{ label: string; score: number } | null>((b, p) => (b === null || p.score > b.score ? p : b), null);
      if (best && truth.has(best.label)) top1Right++;
    }
  }
  const tags = [...perTag.entries()]
    .map(([tag, t]) => ({ tag, truths: t.truths, ...counts(t.tp, t.fp, t.fn) }))
    .sort((a, b) => b.truths - a.truths || collator.compare(a.tag, b.tag));
  return {
    threshold,
    images: images.length,
    exactMatch: images.length ? exact / images.length : null,
    top1: top1Of ? top1Right / top1Of : null,
    tags,
    wrong,
  };
}
