// Deleting images, as a plain function of its inputs (the gallery's bulk delete).
import type { Change, HumanActor } from '../../domain/annotation';
import { appendEntry, type AuditEntry } from '../../domain/audit';
import { annotationsOf, applyChange, deleteImage, lastAuditEntry, type WorkbenchDb } from '../../storage';

export interface RemoveImagesInput {
  db: WorkbenchDb;
  sha256s: Iterable<string>;
  /** Who removes them: the audit entries of their annotations name this person. */
  actor: HumanActor;
  sign: (db: WorkbenchDb, entry: AuditEntry, analyst: string) => Promise<AuditEntry>;
  /** Each image once it is gone, with all stored for it. */
  onRemoved(sha256: string): void;
}

/**
 * Deletes images with everything stored for them. Their annotations go first, through applyChange, so the log
 * records who removed them and when; then the image, its bytes, thumbnail, preview and cached results.
 * Stops at the first failure and throws it; what was deleted before stays deleted (onRemoved told of each).
 */
export async function removeImages({ db, sha256s, actor, sign, onRemoved }: RemoveImagesInput): Promise<void> {
  for (const sha256 of sha256s) {
    const annotations = await annotationsOf(db, sha256);
    if (annotations.length > 0) {
      const change: Change = { action: 'remove', imageSha256: sha256, actor, at: new Date().toISOString(), before: annotations, after: [] };
      await applyChange(db, change, await sign(db, await appendEntry(await lastAuditEntry(db), change), actor));
    }
    await deleteImage(db, sha256);
    onRemoved(sha256);
  }
}
