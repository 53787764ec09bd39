// Bulk actions on the images picked in the gallery.
import type { Change } from '../domain/annotation';
import { appendEntry } from '../domain/audit';
import { annotationsOf, applyChange, deleteImage, lastAuditEntry } from '../storage';
import { useDetection } from './detection';
import { useGallery } from './gallery';
import { useLibrary } from './library';
import { useReview } from './review';
import { useSelection } from './selection';
import { database } from './services';
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
 * Deletes images with everything stored for them. Their annotations go first, through applyChange, so the log
 * records who removed them and when; then the image, its bytes, thumbnail, preview and cached results.
 * Stops at the first failure; what was deleted before stays deleted (and is reported).
 */
export async function deleteImages(sha256s: ReadonlySet<string>, onProgress?: (done: number) => void): Promise<number> {
  const db = await database();
  const actor = useReview.getState().analyst;
  const deleted = new Set<string>();
  try {
    for (const sha256 of sha256s) {
      const annotations = await annotationsOf(db, sha256);
      if (annotations.length > 0) {
        const change: Change = { action: 'remove', imageSha256: sha256, actor, at: new Date().toISOString(), before: annotations, after: [] };
        await applyChange(db, change, await signedEntry(db, await appendEntry(await lastAuditEntry(db), change), actor));
      }
      await deleteImage(db, sha256);
      deleted.add(sha256);
      onProgress?.(deleted.size);
    }
  } finally {
    useLibrary.getState().forget(deleted);
    for (const sha256 of deleted) useGallery.getState().updateSummary(sha256, null);
    const picked = useSelection.getState().picked;
    useSelection.getState().setPicked([...picked].filter((s) => !deleted.has(s)));
    useDetection.setState((s) => ({ results: Object.fromEntries(Object.entries(s.results).filter(([sha]) => !deleted.has(sha))) }));
    if (useReview.getState().imageSha256 && deleted.has(useReview.getState().imageSha256!)) await useReview.getState().load(null);
  }
  return deleted.size;
}
