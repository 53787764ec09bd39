import { type Annotation, isImageTag } from '../annotation';
import { uniqueFileNames } from '../dataset/detect-format';
import type { ImageRecord } from '../image';
import type { PredictionRecord } from '../prediction';
import type { NamedImage } from './coco-output';
import type { TagImage } from './tags';
import type { EvalImage, TruthBox } from './types';

/** What a person stands behind: boxes and tags accepted (a person's own and imported ones are accepted) or edited. */
export const isReviewedTruth = (a: Annotation): boolean => a.status === 'accepted' || a.status === 'edited';

/** A reviewed image's truth: its reviewed boxes and tags; suggestions nobody decided on are counted, not used. */
export function truthOf(annotations: readonly Annotation[]): { boxes: TruthBox[]; tags: string[]; undecided: number } {
  const boxes: TruthBox[] = [];
  const tags: string[] = [];
  let undecided = 0;
  for (const a of annotations) {
    if (a.status === 'suggested') undecided++;
    if (!isReviewedTruth(a)) continue;
    if (isImageTag(a)) tags.push(a.label);
    else boxes.push({ label: a.label, box: { ...a.shape.box } });
  }
  return { boxes, tags: [...new Set(tags)], undecided };
}

/** Which of the images in scope are evaluated: those marked reviewed. The rest are counted. */
export function reviewedImages(images: readonly ImageRecord[], scope: ReadonlySet<string> | null): { reviewed: ImageRecord[]; notReviewed: number } {
  const inScope = scope ? images.filter((i) => scope.has(i.sha256)) : [...images];
  const reviewed = inScope.filter((i) => i.review === 'reviewed');
  return { reviewed, notReviewed: inScope.length - reviewed.length };
}

export interface ProjectImageData {
  image: ImageRecord;
  annotations: readonly Annotation[];
  /** The run's result for the image; absent when the run has none. */
  prediction?: PredictionRecord;
}

export interface ProjectEvaluationSet {
  /** Reviewed images the run has a result for, in project order. */
  images: EvalImage[];
  tagImages: TagImage[];
  /** Their names for files and reports (made unique), in the same order. */
  named: NamedImage[];
  /** Classes in order of first appearance: the order the exported categories take too. */
  classes: string[];
  /** Reviewed images the run has no result for: left out. */
  noResult: number;
  /** Suggestions left undecided on reviewed images: not truth, not counted. */
  undecided: number;
  nameOf: Map<string, string>;
}

/** The reviewed images and one run's results on them, as the evaluation reads them. */
export function projectEvaluationSet(data: readonly ProjectImageData[]): ProjectEvaluationSet {
  const withResult = data.filter((d) => d.prediction);
  const nameOf = uniqueFileNames(withResult.map((d) => d.image));
  const images: EvalImage[] = [];
  const tagImages: TagImage[] = [];
  const classes = new Set<string>();
  let undecided = 0;
  for (const { image, annotations, prediction } of withResult) {
    const truth = truthOf(annotations);
    undecided += truth.undecided;
    const predicted = prediction!.detections.map((d) => ({ label: d.label, box: { ...d.box }, score: d.score }));
    for (const t of truth.boxes) classes.add(t.label);
    for (const p of predicted) classes.add(p.label);
    images.push({ id: image.sha256, truth: truth.boxes, predicted });
    tagImages.push({ id: image.sha256, truth: truth.tags, predicted: prediction!.tags ?? [] });
  }
  return {
    images,
    tagImages,
    named: withResult.map((d) => ({ fileName: nameOf.get(d.image.sha256)!, width: d.image.width, height: d.image.height })),
    classes: [...classes],
    noResult: data.length - withResult.length,
    undecided,
    nameOf,
  };
}
