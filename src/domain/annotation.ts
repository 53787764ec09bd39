import type { Relabelled } from './detection';
import type { BBox } from './geometry';

/**
 * Who made an annotation or a change: a model (`model:<id>@<version>`), a person (`human:<analyst>`),
 * or a dataset file brought in from another tool (`import:<format>`, e.g. `import:coco`).
 */
export type ModelSource = `model:${string}`;
export type HumanActor = `human:${string}`;
export type ImportSource = `import:${string}`;
export type Source = ModelSource | HumanActor | ImportSource;

export type AnnotationStatus = 'suggested' | 'accepted' | 'rejected' | 'edited';

export interface BBoxShape {
  kind: 'bbox';
  /** In image pixels. */
  box: BBox;
}

/** What the model first said, kept when a person edits its suggestion. */
export interface OriginalSuggestion {
  box: BBox;
  label: string;
  score?: number;
}

export interface Annotation {
  id: string;
  imageSha256: string;
  shape: BBoxShape;
  label: string;
  score?: number;
  source: Source;
  status: AnnotationStatus;
  createdAt: string;
  updatedAt: string;
  original?: OriginalSuggestion;
  /**
   * 'image' for an image-level tag (a classifier's label, or one a person gives the whole image): its box is the whole
   * image, so code that knows only boxes still reads something true. Absent for an object's box.
   */
  scope?: 'image';
  /** For a suggestion of a detector and box labeller chained: what the detector said of the box, and the labeller's score. */
  relabel?: Relabelled;
}

/** Image-level tags are annotations too (audited and undone the same way), but not boxes to draw or edit. */
export const isImageTag = (a: Annotation): boolean => a.scope === 'image';
export const boxesOnly = (list: readonly Annotation[]): Annotation[] => list.filter((a) => !isImageTag(a));

export type ImageReviewStatus = 'unreviewed' | 'in-progress' | 'reviewed';

export interface ImageReview {
  imageSha256: string;
  status: ImageReviewStatus;
  updatedAt: string;
}

export type ChangeAction =
  | 'suggest'
  | 'accept'
  | 'reject'
  | 'accept-all'
  | 'reject-rest'
  | 'move'
  | 'resize'
  | 'relabel'
  | 'create'
  | 'remove'
  | 'copy';

/** An undo or redo is recorded under the action it reverses or repeats. */
export type RecordedAction = ChangeAction | `undo:${ChangeAction}` | `redo:${ChangeAction}`;

/**
 * One undoable step on one image's annotations: `before` holds them as they were (absent if created),
 * `after` as they are (absent if removed). Swapping the two gives the inverse.
 */
export interface Change {
  action: RecordedAction;
  imageSha256: string;
  actor: Source;
  at: string;
  before: Annotation[];
  after: Annotation[];
  /** Changes to several images made as one step (a bulk accept over a selection) share a group and undo together. */
  group?: string;
}

export function invertChange(change: Change, action: RecordedAction, actor: Source, at: string): Change {
  const inverse: Change = { action, imageSha256: change.imageSha256, actor, at, before: change.after, after: change.before };
  return change.group ? { ...inverse, group: change.group } : inverse;
}

/** Ids a change touches, in order of first appearance. */
export function changedIds(change: Pick<Change, 'before' | 'after'>): string[] {
  return [...new Set([...change.before, ...change.after].map((a) => a.id))];
}

/** Applies a change to a list of annotations (without mutating it): removed ones go, changed ones are replaced in place, new ones are appended. */
export function applyToList(list: readonly Annotation[], change: Pick<Change, 'before' | 'after'>): Annotation[] {
  const after = new Map(change.after.map((a) => [a.id, a]));
  const removed = new Set(change.before.map((a) => a.id).filter((id) => !after.has(id)));
  const result = list.filter((a) => !removed.has(a.id)).map((a) => after.get(a.id) ?? a);
  const present = new Set(list.map((a) => a.id));
  return [...result, ...change.after.filter((a) => !present.has(a.id))];
}
