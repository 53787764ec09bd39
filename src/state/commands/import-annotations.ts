// Writing a dataset's annotations into the project, as a plain function of its inputs.
import type { Change, HumanActor } from '../../domain/annotation';
import { appendEntry, type AuditEntry } from '../../domain/audit';
import { applyChanges, lastAuditEntry, type WorkbenchDb } from '../../storage';

export interface ImportAnnotationsInput {
  db: WorkbenchDb;
  /** One change per image (importChanges in domain/dataset/match). */
  changes: readonly Change[];
  /** Labels the project's label set gains. */
  newLabels: readonly string[];
  analyst: HumanActor;
  sign: (db: WorkbenchDb, entry: AuditEntry, analyst: string) => Promise<AuditEntry>;
}

/**
 * Chains one audit entry per change to the log's last one and writes them all, the annotations, the images'
 * summaries and the new labels in one transaction. If another change took the next seq meanwhile (an edit saved
 * during the import), the transaction aborted whole: chain again and retry, three times at most.
 */
export async function importAnnotations({ db, changes, newLabels, analyst, sign }: ImportAnnotationsInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const entries: AuditEntry[] = [];
    let previous = await lastAuditEntry(db);
    for (const change of changes) entries.push((previous = await sign(db, await appendEntry(previous, change), analyst)));
    try {
      await applyChanges(db, changes, entries, newLabels);
      return;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConstraintError' || attempt === 3) throw error;
    }
  }
}
