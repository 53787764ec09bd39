// A bulk review of the images picked in the gallery, as a plain function of its inputs: what to suggest first and what
// to decide, read from storage; the review store saves both (the decisions as one undo step).
import { type Annotation, boxesOnly, type Change } from '../../domain/annotation';
import { acceptAllAbove, type Edit, isFromResult, rejectRest, resultModel, suggestionsFromDetections } from '../../domain/annotation-ops';
import { aboveThreshold } from '../../domain/detection';
import type { PredictionRecord } from '../../domain/prediction';
import { annotationsOf, type WorkbenchDb } from '../../storage';

export interface ReviewManyInput {
  db: WorkbenchDb;
  images: Iterable<string>;
  what: 'accept' | 'reject';
  /** Suggestions at or above it are accepted; the model's detections at or above it become suggestions. */
  threshold: number;
  /** The model result the gallery shows for an image, if any. */
  resultOf: (sha256: string) => PredictionRecord | undefined;
  /** Annotations already in memory for an image (the open one, with edits still being saved); else they are read. */
  openAnnotations: (sha256: string) => readonly Annotation[] | undefined;
  edit: Edit;
  ids: () => string;
}

export interface ReviewManyPlan {
  /** The model's detections made suggestions, for images that had none of them yet: saved first, not undoable. */
  suggestions: Change[];
  /** One accept-all or reject-rest per image that changes: saved after, as one undo step. */
  decisions: Change[];
}

export async function planReviewMany({ db, images, what, threshold, resultOf, openAnnotations, edit, ids }: ReviewManyInput): Promise<ReviewManyPlan> {
  const plan: ReviewManyPlan = { suggestions: [], decisions: [] };
  for (const sha256 of images) {
    let list = openAnnotations(sha256) ?? (await annotationsOf(db, sha256));
    const result = resultOf(sha256);
    if (result && !result.tags && !list.some((a) => isFromResult(a, result))) {
      const suggested = suggestionsFromDetections(aboveThreshold(result.detections, threshold), sha256, resultModel(result), edit.now, ids);
      if (suggested.annotations.length > 0) {
        plan.suggestions.push(suggested.change);
        list = [...list, ...suggested.annotations];
      }
    }
    const boxes = boxesOnly(list);
    const outcome = what === 'accept' ? acceptAllAbove(boxes, threshold, edit) : rejectRest(boxes, edit);
    if (outcome.ok) plan.decisions.push(outcome.change);
  }
  return plan;
}
