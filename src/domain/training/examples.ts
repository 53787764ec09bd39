// Which of the project's annotations are training examples, and for which labels there are enough.
import { type Annotation, isImageTag } from '../annotation';
import { isReviewedTruth } from '../eval/from-project';
import type { PixelWindow } from '../raster-source';
import { contextWindow, cropKey } from './crop';

/** tags: an image classifier from image-level tags; boxes: a box labeller from boxes. */
export type TrainingTask = 'tags' | 'boxes';

export interface TrainingExample {
  imageSha256: string;
  label: string;
  /** The part of the image the model sees (a box with context), or null for the whole image. */
  crop: PixelWindow | null;
  /** Image hash and crop: what the split orders by and the embedding cache keys on. */
  key: string;
}

export interface ExampleImage {
  sha256: string;
  width: number;
  height: number;
}

export interface CollectedExamples {
  examples: TrainingExample[];
  /** Images with more than one reviewed tag (a softmax head gives one label per image): left out, counted. */
  multiTagged: number;
}

/**
 * Examples from what people stand behind (accepted or edited annotations, imported ones included): every reviewed
 * box for `boxes`; for `tags`, every image with exactly one reviewed tag among `labels` (all labels when absent).
 */
export function collectExamples(task: TrainingTask, images: readonly ExampleImage[], annotationsOf: (sha256: string) => readonly Annotation[], labels?: ReadonlySet<string>): CollectedExamples {
  const examples: TrainingExample[] = [];
  let multiTagged = 0;
  for (const image of images) {
    const reviewed = annotationsOf(image.sha256).filter((a) => isReviewedTruth(a) && (!labels || labels.has(a.label)));
    if (task === 'tags') {
      const tags = [...new Set(reviewed.filter(isImageTag).map((a) => a.label))];
      if (tags.length > 1) multiTagged++;
      if (tags.length === 1) examples.push({ imageSha256: image.sha256, label: tags[0]!, crop: null, key: `${image.sha256}|whole` });
      continue;
    }
    for (const a of reviewed) {
      if (isImageTag(a)) continue;
      const crop = contextWindow(a.shape.box, image.width, image.height);
      examples.push({ imageSha256: image.sha256, label: a.label, crop, key: `${image.sha256}|${cropKey(crop)}` });
    }
  }
  return { examples, multiTagged };
}

export interface LabelCount {
  label: string;
  examples: number;
  images: number;
}

/** Examples and images per label, most examples first (then by name). */
export function labelInventory(examples: readonly TrainingExample[]): LabelCount[] {
  const counts = new Map<string, { examples: number; images: Set<string> }>();
  for (const e of examples) {
    const c = counts.get(e.label) ?? { examples: 0, images: new Set<string>() };
    c.examples++;
    c.images.add(e.imageSha256);
    counts.set(e.label, c);
  }
  return [...counts]
    .map(([label, c]) => ({ label, examples: c.examples, images: c.images.size }))
    .sort((a, b) => b.examples - a.examples || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** Fewest examples a class needs: one or more for validation and the rest to learn from. */
export const DEFAULT_MIN_EXAMPLES = 5;

export interface LeftOut {
  label: string;
  examples: number;
  reason: string;
}

export class TrainingRefused extends Error {
  override name = 'TrainingRefused';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The labels training uses: those asked for with at least `minimum` examples. A label with fewer is left out, with
 * the reason; fewer than two labels left refuses training, saying why (a classifier needs two classes to tell apart).
 */
export function chooseLabels(inventory: readonly LabelCount[], wanted: readonly string[] | null, minimum = DEFAULT_MIN_EXAMPLES): { labels: string[]; leftOut: LeftOut[] } {
  const asked = wanted ? inventory.filter((c) => wanted.includes(c.label)) : [...inventory];
  const missing = wanted?.filter((l) => !inventory.some((c) => c.label === l)) ?? [];
  const leftOut: LeftOut[] = missing.map((label) => ({ label, examples: 0, reason: `"${label}" has no reviewed examples` }));
  const labels: string[] = [];
  for (const c of asked) {
    if (c.examples >= minimum) labels.push(c.label);
    else leftOut.push({ label: c.label, examples: c.examples, reason: `"${c.label}" has ${plural(c.examples, 'example')}, fewer than the ${minimum} a class needs` });
  }
  if (labels.length < 2) {
    const total = asked.length + missing.length;
    const only = [...asked.map((c) => c.label), ...missing][0];
    const enough = labels.length === 1 ? `only "${labels[0]}" has enough` : 'none has enough';
    const what =
      total === 0 ? 'there are no reviewed examples yet' : total === 1 ? (wanted ? `only one label was chosen ("${only}")` : `the reviewed examples carry one label only ("${only}")`) : `of the ${total} labels chosen, ${enough}`;
    const why = total > 1 && leftOut.length > 0 ? ` (${leftOut.map((l) => l.reason).join('; ')})` : '';
    throw new TrainingRefused(`Training needs at least two labels with at least ${minimum} reviewed examples each; ${what}${why}.`);
  }
  labels.sort();
  return { labels, leftOut };
}
