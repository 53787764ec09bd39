// Evidence events in the audit log: hash-set matches and redactions, chained after whatever was written last.
import { type AuditEntry, appendEvidenceEntry, type EvidenceAction, type EvidenceDetail } from '../domain/audit';
import { appendAuditEntries, lastAuditEntry } from '../storage';
import { useReview } from './review';
import { database } from './project-context';
import { signedEntry } from './signing';

export interface EvidenceEvent {
  action: EvidenceAction;
  imageSha256: string;
  detail: EvidenceDetail;
}

/**
 * Writes the events as audit entries in one transaction, recorded as the analyst now reviewing. Another writer may
 * take the next seq meanwhile (an edit saved at the same moment): the write then fails whole and is chained again.
 */
export async function recordEvidence(events: readonly EvidenceEvent[]): Promise<void> {
  if (events.length === 0) return;
  const db = await database();
  const actor = useReview.getState().analyst;
  const at = new Date().toISOString();
  for (let attempt = 1; ; attempt++) {
    const entries: AuditEntry[] = [];
    let previous = await lastAuditEntry(db);
    for (const event of events) entries.push((previous = await signedEntry(db, await appendEvidenceEntry(previous, { ...event, actor, at }), actor)));
    try {
      await appendAuditEntries(db, entries);
      break;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConstraintError' || attempt === 5) throw error;
    }
  }
  await useReview.getState().checkAudit();
}
