// Bulk actions on the images picked in the gallery.
import { removeImages } from './commands/remove-images';
import { useDetection } from './detection';
import { useLibrary } from './library';
import { database, publish } from './project-context';
import { useReview } from './review';
import { signedEntry } from './signing';

/** Runs the current model on the picked images that have no result yet, as one batch job. */
export async function runModelOn(sha256s: ReadonlySet<string>): Promise<void> {
  const images = useLibrary.getState().images.filter((i) => sha256s.has(i.sha256));
  await useDetection.getState().detectAll(images);
}

export async function markReviewed(sha256s: ReadonlySet<string>): Promise<void> {
  await useLibrary.getState().setReviewMany(sha256s, 'reviewed');
}

/**
 * Deletes images with everything stored for them (see removeImages); every store (and every other tab on the
 * project) hears which went, also when a failure stopped the deletion part way.
 */
export async function deleteImages(sha256s: ReadonlySet<string>, onProgress?: (done: number) => void): Promise<number> {
  const deleted: string[] = [];
  const onRemoved = (sha256: string) => onProgress?.(deleted.push(sha256));
  try {
    await removeImages({ db: await database(), sha256s, actor: useReview.getState().analyst, sign: signedEntry, onRemoved });
  } finally {
    if (deleted.length > 0) await publish({ type: 'images-deleted', sha256s: deleted, origin: 'this-tab' });
  }
  return deleted.length;
}
