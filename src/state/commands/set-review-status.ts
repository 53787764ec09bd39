// One review status for many images, as a plain function of its inputs (the gallery's "mark reviewed").
import type { ImageReviewStatus } from '../../domain/annotation';
import type { ImageRecord } from '../../domain/image';
import { updateImages, type WorkbenchDb } from '../../storage';

export interface SetReviewStatusInput {
  db: WorkbenchDb;
  /** The images' records as last read. */
  images: readonly ImageRecord[];
  review: ImageReviewStatus;
}

/** Writes the status of every image that does not have it yet, in one transaction; returns the records rewritten. */
export async function setReviewStatus({ db, images, review }: SetReviewStatusInput): Promise<ImageRecord[]> {
  const changed = images.filter((i) => (i.review ?? 'unreviewed') !== review).map((i) => ({ ...i, review }));
  if (changed.length > 0) await updateImages(db, changed);
  return changed;
}
