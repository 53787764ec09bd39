import type { Annotation, Change, ChangeAction, HumanActor, ModelSource } from './annotation';
import type { Detection } from './detection';
import type { PredictionRecord } from './prediction';
import { type Handle, movedBox, resizedBox } from './box-edit';
import { type BBox, clipBox, fromCorners } from './geometry';

export type { Handle } from './box-edit';

/** Who edits, and when. */
export interface Edit {
  actor: HumanActor;
  now: string;
}

export interface ImageSize {
  width: number;
  height: number;
}

export type Applied = { ok: true; annotations: Annotation[]; change: Change };
export type Refused = { ok: false; reason: string };
/** A refused edit (no-op, zero-size box, ...) changes nothing and records nothing. */
export type Outcome = Applied | Refused;

const refuse = (reason: string): Refused => ({ ok: false, reason });

/** A new annotation a person made (drawn, copied, tagged): theirs, accepted from the start, made and last changed now. */
export function humanAnnotation(fields: Pick<Annotation, 'id' | 'imageSha256' | 'shape' | 'label'> & Pick<Partial<Annotation>, 'scope'>, edit: Edit): Annotation {
  return { ...fields, source: edit.actor, status: 'accepted', createdAt: edit.now, updatedAt: edit.now };
}

function applied(action: ChangeAction, imageSha256: string, edit: Edit, before: Annotation[], after: Annotation[]): Applied {
  return { ok: true, annotations: after, change: { action, imageSha256, actor: edit.actor, at: edit.now, before, after } };
}

export function modelSource(model: { id: string; version: string }): ModelSource {
  return `model:${model.id}@${model.version}`;
}

/**
 * A detector and the box labeller run after it, as the one model their suggestions come from: its source reads
 * `model:<detector id>@<version>><labeller id>@<version>`, so both models' provenance goes wherever the source goes.
 */
export function chainedModel(detector: { id: string; version: string }, labeller: { id: string; version: string }): { id: string; version: string } {
  return { id: `${detector.id}@${detector.version}>${labeller.id}`, version: labeller.version };
}

/** The model a result's suggestions come from: its model, or the detector and box labeller it chained. */
export function resultModel(result: Pick<PredictionRecord, 'modelId' | 'modelVersion' | 'relabelledBy'>): { id: string; version: string } {
  const detector = { id: result.modelId, version: result.modelVersion };
  return result.relabelledBy ? chainedModel(detector, { id: result.relabelledBy.modelId, version: result.relabelledBy.modelVersion }) : detector;
}

/** Whether an annotation was suggested by the model of this result (any version of a plain model; this very chain of two). */
export function isFromResult(annotation: Pick<Annotation, 'source'>, result: Pick<PredictionRecord, 'modelId' | 'modelVersion' | 'relabelledBy'>): boolean {
  if (result.relabelledBy) return annotation.source === modelSource(resultModel(result));
  return annotation.source.startsWith(`model:${result.modelId}@`) && !annotation.source.includes('>');
}

export function suggestionsFromDetections(
  detections: readonly Detection[],
  imageSha256: string,
  model: { id: string; version: string },
  now: string,
  ids: () => string,
): Applied {
  const source = modelSource(model);
  const after = detections.map(
    (d): Annotation => ({
      id: ids(),
      imageSha256,
      shape: { kind: 'bbox', box: { ...d.box } },
      label: d.label,
      score: d.score,
      source,
      status: 'suggested',
      createdAt: now,
      updatedAt: now,
      ...(d.relabel ? { relabel: { ...d.relabel } } : {}),
    }),
  );
  return { ok: true, annotations: after, change: { action: 'suggest', imageSha256, actor: source, at: now, before: [], after } };
}

function setStatus(action: 'accept' | 'reject', a: Annotation, status: 'accepted' | 'rejected', edit: Edit): Outcome {
  if (a.status === status) return refuse(`already ${status}`);
  return applied(action, a.imageSha256, edit, [a], [{ ...a, status, updatedAt: edit.now }]);
}

export const accept = (a: Annotation, edit: Edit): Outcome => setStatus('accept', a, 'accepted', edit);
export const reject = (a: Annotation, edit: Edit): Outcome => setStatus('reject', a, 'rejected', edit);

function bulk(action: 'accept-all' | 'reject-rest', chosen: Annotation[], status: 'accepted' | 'rejected', edit: Edit): Outcome {
  const first = chosen[0];
  if (!first) return refuse('no suggestions left');
  if (chosen.some((a) => a.imageSha256 !== first.imageSha256)) return refuse('a bulk change covers one image');
  return applied(action, first.imageSha256, edit, chosen, chosen.map((a) => ({ ...a, status, updatedAt: edit.now })));
}

/** Accepts every open suggestion scoring at least `threshold`, as one change (one undo step). */
export function acceptAllAbove(annotations: readonly Annotation[], threshold: number, edit: Edit): Outcome {
  const chosen = annotations.filter((a) => a.status === 'suggested' && (a.score ?? 0) >= threshold);
  return bulk('accept-all', chosen, 'accepted', edit);
}

/** Rejects every suggestion still open, as one change. */
export function rejectRest(annotations: readonly Annotation[], edit: Edit): Outcome {
  return bulk('reject-rest', annotations.filter((a) => a.status === 'suggested'), 'rejected', edit);
}

/**
 * A changed box or label. A model's annotation becomes 'edited' and keeps what the model first said; its score
 * was the model's confidence in its own box, so it moves to `original` only.
 */
function edited(a: Annotation, box: BBox, label: string, now: string): Annotation {
  const next: Annotation = { ...a, shape: { kind: 'bbox', box }, label, updatedAt: now };
  if (!a.source.startsWith('model:')) return next;
  delete next.score;
  return { ...next, status: 'edited', original: a.original ?? { box: a.shape.box, label: a.label, score: a.score } };
}

function sameBox(a: BBox, b: BBox): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function reshape(action: 'move' | 'resize', a: Annotation, box: BBox, edit: Edit): Outcome {
  if (box.w <= 0 || box.h <= 0) return refuse('the box would have no area inside the image');
  if (sameBox(box, a.shape.box)) return refuse('the box did not change');
  return applied(action, a.imageSha256, edit, [a], [edited(a, box, a.label, edit.now)]);
}

/** Moves a box; the part dragged outside the image is clipped off. */
export function move(a: Annotation, dx: number, dy: number, image: ImageSize, edit: Edit): Outcome {
  return reshape('move', a, movedBox(a.shape.box, dx, dy, image), edit);
}

/** Drags one corner or edge; dragged past the opposite side, the box flips. */
export function resize(a: Annotation, handle: Handle, dx: number, dy: number, image: ImageSize, edit: Edit): Outcome {
  return reshape('resize', a, resizedBox(a.shape.box, handle, dx, dy, image), edit);
}

export function relabel(a: Annotation, label: string, edit: Edit): Outcome {
  const trimmed = label.trim();
  if (!trimmed) return refuse('a label cannot be empty');
  if (trimmed === a.label) return refuse('the label did not change');
  return applied('relabel', a.imageSha256, edit, [a], [edited(a, a.shape.box, trimmed, edit.now)]);
}

/** A box a person draws: accepted from the start, clipped to the image. */
export function createBox(imageSha256: string, box: BBox, label: string, image: ImageSize, edit: Edit, ids: () => string): Outcome {
  const clipped = clipBox(fromCorners(box.x, box.y, box.x + box.w, box.y + box.h), image.width, image.height);
  if (clipped.w <= 0 || clipped.h <= 0) return refuse('the box would have no area inside the image');
  const trimmed = label.trim();
  if (!trimmed) return refuse('a label cannot be empty');
  const created = humanAnnotation({ id: ids(), imageSha256, shape: { kind: 'bbox', box: clipped }, label: trimmed }, edit);
  return applied('create', imageSha256, edit, [], [created]);
}

export function remove(a: Annotation, edit: Edit): Outcome {
  return applied('remove', a.imageSha256, edit, [a], []);
}

/**
 * Copies another image's boxes (rejected ones aside) onto this image, for sequences: new annotations by the analyst,
 * accepted, clipped to this image; boxes left with no area inside it are dropped. One change, so one undo step.
 */
export function copyAnnotations(from: readonly Annotation[], imageSha256: string, image: ImageSize, edit: Edit, ids: () => string): Outcome {
  const copies = from
    .filter((a) => a.status !== 'rejected')
    .map((a) => ({ a, box: clipBox(a.shape.box, image.width, image.height) }))
    .filter(({ box }) => box.w > 0 && box.h > 0)
    .map(({ a, box }) => humanAnnotation({ id: ids(), imageSha256, shape: { kind: 'bbox', box }, label: a.label }, edit));
  if (copies.length === 0) return refuse('the previous image has no boxes to copy');
  return applied('copy', imageSha256, edit, [], copies);
}
