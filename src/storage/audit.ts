import type { AuditEntry } from '../domain/audit';
import type { WorkbenchDb } from './db';

/** The whole log, by seq: what verifyChain checks. */
export function auditLog(db: WorkbenchDb): Promise<AuditEntry[]> {
  return db.getAll('audit');
}

/** The entry the next appendEntry chains to; undefined while the log is empty. */
export async function lastAuditEntry(db: WorkbenchDb): Promise<AuditEntry | undefined> {
  const cursor = await db.transaction('audit').store.openCursor(null, 'prev');
  return cursor?.value;
}
