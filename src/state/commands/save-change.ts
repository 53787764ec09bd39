// Saving one annotation change, as a plain function of its inputs: the editor's key presses, undo and redo, and the
// model's suggestions all come through here.
import type { Change, HumanActor } from '../../domain/annotation';
import { appendEntry, type AuditEntry } from '../../domain/audit';
import { applyChange, lastAuditEntry, StaleChangeError, type WorkbenchDb } from '../../storage';

export interface SaveChangeInput {
  db: WorkbenchDb;
  change: Change;
  /** Whose key signs the entry. */
  analyst: HumanActor;
  /** Signs an entry (signedEntry in the app); an entry it cannot sign goes unsigned. */
  sign: (db: WorkbenchDb, entry: AuditEntry, analyst: string) => Promise<AuditEntry>;
}

/**
 * Writes the change, the audit entry that follows the last one stored, the image's summary and its review status in
 * one transaction. A person's edit puts the image in progress; what a model suggests leaves its status alone. Another
 * writer (a bulk delete, another tab) may take the entry's seq first; the transaction then fails whole, so the entry
 * is made again once. A change another tab overtook (StaleChangeError) is not retried.
 */
export async function saveChange({ db, change, analyst, sign }: SaveChangeInput): Promise<AuditEntry> {
  const review = change.action.startsWith('suggest') ? undefined : 'in-progress';
  const entry = async () => sign(db, await appendEntry(await lastAuditEntry(db), change), analyst);
  let saved = await entry();
  try {
    await applyChange(db, change, saved, review);
  } catch (error) {
    if (error instanceof StaleChangeError) throw error;
    saved = await entry();
    await applyChange(db, change, saved, review);
  }
  return saved;
}
