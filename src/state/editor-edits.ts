import { boxesOnly } from '../domain/annotation';
import {
  copyAnnotations,
  createBox,
  type Edit,
  type Handle,
  move,
  relabel,
  remove,
  resize,
} from '../domain/annotation-ops';
import type { BBox } from '../domain/geometry';
import { type LabelSet, normaliseLabel } from '../domain/labels';
import type { Tag } from '../domain/tag';
import { addTag, decideModelTag, removeTag } from '../domain/tags';
import { addLabels, annotationsOf, readLabelSet } from '../storage';
import { useDetection } from './detection';
import { useEditor } from './editor';
import { viewOrder } from './gallery';
import { useLibrary } from './library';
import { useReview } from './review';
import { planReviewMany } from './commands/review-many';
import { database } from './project-context';

/** Box edits by mouse and keyboard on the image open in the viewer; each one goes through the review store's commit. */

const ids = () => crypto.randomUUID();
const edit = (): Edit => ({ actor: useReview.getState().analyst, now: new Date().toISOString() });

function current() {
  const review = useReview.getState();
  const image = useLibrary.getState().images.find((i) => i.sha256 === review.imageSha256);
  const selected = review.annotations.find((a) => a.id === review.selectedId);
  return { review, image, selected };
}

export async function moveSelected(dx: number, dy: number): Promise<void> {
  const { review, image, selected } = current();
  if (image && selected) await review.apply(move(selected, dx, dy, image, edit()));
}

export async function resizeSelected(handle: Handle, dx: number, dy: number): Promise<void> {
  const { review, image, selected } = current();
  if (image && selected) await review.apply(resize(selected, handle, dx, dy, image, edit()));
}

/** A drawn box with the label a person picked for it (added to the set when new); it is selected once made. */
export async function drawBox(box: BBox, name: string): Promise<void> {
  const label = await giveLabel(name);
  const { review, image } = current();
  if (!image || !label) return;
  const outcome = createBox(image.sha256, box, label, image, edit(), ids);
  if (await review.apply(outcome)) review.select(outcome.ok ? outcome.annotations[0]!.id : null);
}

/** Delete: a person's own box goes; a model's is rejected (kept, with what it said). */
export async function deleteSelected(): Promise<void> {
  const { review, selected } = current();
  if (!selected) return;
  if (selected.source.startsWith('human:')) {
    const saved = review.apply(remove(selected, edit()));
    review.cycle(1); // at once, like accept and reject
    await saved;
  } else {
    await review.rejectSelected();
  }
}

/**
 * The project's label set; an empty one is seeded from the labels of the model in use and those already on this
 * image, so the number keys mean something from the start.
 */
export async function labelSet(): Promise<LabelSet> {
  const known = useEditor.getState().labels;
  if (known.length > 0) return known;
  const db = await database();
  let labels = await readLabelSet(db);
  if (labels.length === 0) {
    const model = useDetection.getState().model;
    labels = await addLabels(db, [...(model?.labels ?? []), ...useReview.getState().annotations.map((a) => a.label)]);
  }
  useEditor.getState().setLabels(labels);
  return labels;
}

/** A label about to be given: added to the project's set when new, and first among the recent ones. */
async function giveLabel(name: string): Promise<string | null> {
  const label = normaliseLabel(name);
  if (!label) return null;
  const labels = await labelSet();
  if (!labels.includes(label)) useEditor.getState().setLabels(await addLabels(await database(), [label]));
  useEditor.getState().rememberLabel(label);
  return label;
}

/** Gives the selected box a label, adding it to the project's set when new. */
export async function relabelSelected(name: string): Promise<void> {
  const label = await giveLabel(name);
  const { review, selected } = current();
  if (label && selected) await review.apply(relabel(selected, label, edit()));
}

/** Keys 1–9: the first nine labels of the set. */
export async function relabelByNumber(n: number): Promise<void> {
  const label = (await labelSet())[n - 1];
  if (label) await relabelSelected(label);
}

/** Copies the boxes of the image before this one (as the gallery shows them) onto this one, as one undoable change. */
export async function copyPrevious(): Promise<void> {
  // The key may come right after moving to this image, before its annotations were read.
  await useReview.getState().ensure(useLibrary.getState().selected);
  const { review, image } = current();
  const images = viewOrder();
  const index = images.findIndex((i) => i.sha256 === image?.sha256);
  const previous = images[index - 1];
  if (!image || !previous) {
    review.refuse('there is no previous image to copy from');
    return;
  }
  const from = await annotationsOf(await database(), previous.sha256);
  await review.apply(copyAnnotations(boxesOnly(from), image.sha256, image, edit(), ids));
}

/**
 * Accepts every suggestion at or above the threshold (or rejects every open one) on each picked image, as one
 * undo step over all of them; images without the model's suggestions get them first. Returns how many images changed.
 */
export async function bulkReview(images: Iterable<string>, what: 'accept' | 'reject', threshold: number): Promise<number> {
  const review = useReview.getState();
  const results = useDetection.getState().results;
  const plan = await planReviewMany({
    db: await database(),
    images,
    what,
    threshold,
    resultOf: (sha256) => results[sha256],
    openAnnotations: (sha256) => (review.imageSha256 === sha256 ? review.annotations : undefined),
    edit: edit(),
    ids,
  });
  for (const change of plan.suggestions) await review.applySuggestions(change);
  await review.applyGroup(plan.decisions);
  return plan.decisions.length;
}

/** Accepts or rejects a classifier's tag on the open image. */
export async function decideTag(tag: Tag, decision: 'accepted' | 'rejected'): Promise<void> {
  const { review, image } = current();
  const result = image && useDetection.getState().results[image.sha256];
  if (!image || !result) return;
  const target = { imageSha256: image.sha256, image, model: { id: result.modelId, version: result.modelVersion } };
  await review.apply(decideModelTag(review.annotations, tag, decision, target, edit(), ids));
}

export async function addImageTag(name: string): Promise<boolean> {
  const { review, image } = current();
  return image ? review.apply(addTag(review.annotations, name, image.sha256, image, edit(), ids)) : false;
}

export async function removeImageTag(id: string): Promise<void> {
  const review = useReview.getState();
  const tag = review.annotations.find((a) => a.id === id);
  if (tag) await review.apply(removeTag(tag, edit()));
}
