import { type Annotation, isImageTag } from './annotation';
import { accept, type Edit, humanAnnotation, type ImageSize, modelSource, type Outcome, reject, remove } from './annotation-ops';
import { normaliseLabel } from './labels';
import type { Tag } from './tag';

/** Image-level tags as annotations: a classifier's tag a person accepts or rejects, and tags a person adds or removes. */

const refuse = (reason: string): Outcome => ({ ok: false, reason });
const wholeImage = (image: ImageSize) => ({ kind: 'bbox' as const, box: { x: 0, y: 0, w: image.width, h: image.height } });

export const tagsOf = (list: readonly Annotation[]): Annotation[] => list.filter(isImageTag);

/** The decision recorded on a model's tag, if any. */
export function modelTagOf(list: readonly Annotation[], model: { id: string; version: string }, label: string): Annotation | undefined {
  const source = modelSource(model);
  return list.find((a) => isImageTag(a) && a.source === source && a.label === label);
}

/**
 * Accepts or rejects what the model said about the whole image. The first decision records the model's tag with its
 * score (source: the model) in the state the person chose, as one change; later ones change that record.
 */
export function decideModelTag(
  list: readonly Annotation[],
  tag: Tag,
  decision: 'accepted' | 'rejected',
  target: { imageSha256: string; image: ImageSize; model: { id: string; version: string } },
  edit: Edit,
  ids: () => string,
): Outcome {
  const existing = modelTagOf(list, target.model, tag.label);
  if (existing) return decision === 'accepted' ? accept(existing, edit) : reject(existing, edit);
  const created: Annotation = {
    id: ids(),
    imageSha256: target.imageSha256,
    shape: wholeImage(target.image),
    scope: 'image',
    label: tag.label,
    score: tag.score,
    source: modelSource(target.model),
    status: decision,
    createdAt: edit.now,
    updatedAt: edit.now,
  };
  return { ok: true, annotations: [created], change: { action: decision === 'accepted' ? 'accept' : 'reject', imageSha256: target.imageSha256, actor: edit.actor, at: edit.now, before: [], after: [created] } };
}

/** A tag a person gives the whole image; refused when the image already carries it. */
export function addTag(list: readonly Annotation[], name: string, imageSha256: string, image: ImageSize, edit: Edit, ids: () => string): Outcome {
  const label = normaliseLabel(name);
  if (!label) return refuse('a tag cannot be empty');
  if (list.some((a) => isImageTag(a) && a.label === label && a.status !== 'rejected')) return refuse(`the image is already tagged ${label}`);
  const created = humanAnnotation({ id: ids(), imageSha256, shape: wholeImage(image), scope: 'image', label }, edit);
  return { ok: true, annotations: [created], change: { action: 'create', imageSha256, actor: edit.actor, at: edit.now, before: [], after: [created] } };
}

/** Takes a tag off: a person's own goes, a model's is rejected (kept, with its score). */
export function removeTag(a: Annotation, edit: Edit): Outcome {
  return a.source.startsWith('human:') ? remove(a, edit) : reject(a, edit);
}
