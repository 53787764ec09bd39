import type { AuditEntry } from '../domain/audit';
import { type ChainHead, isChainHead } from '../domain/audit-replay';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

/** The settings key of the chain head, written in the same transaction as every audit entry. */
export const AUDIT_HEAD_KEY = 'auditHead';

/** The head an entry makes: the log then holds `seq` entries, the last hashing to `hash`. */
export const headAfter = (entry: Pick<AuditEntry, 'seq' | 'hash'>): ChainHead => ({ count: entry.seq, hash: entry.hash });

/** Where the log was recorded to end; undefined when nothing was ever recorded (or the record was removed). */
export async function readAuditHead(db: WorkbenchDb): Promise<ChainHead | undefined> {
  const value = await db.get('settings', AUDIT_HEAD_KEY);
  return isChainHead(value) ? value : undefined;
}

/** The whole log, by seq: what verifyChain checks. */
export function auditLog(db: WorkbenchDb): Promise<AuditEntry[]> {
  return db.getAll('audit');
}

/** The entry the next appendEntry chains to; undefined while the log is empty. */
export async function lastAuditEntry(db: WorkbenchDb): Promise<AuditEntry | undefined> {
  const cursor = await db.transaction('audit').store.openCursor(null, 'prev');
  return cursor?.value;
}

/**
 * Appends audit entries that record no annotation change (hash-set matches, redactions) and the head they make, in
 * one transaction: all or none. An entry whose seq another writer took fails the whole batch (ConstraintError):
 * chain again and retry.
 */
export async function appendAuditEntries(db: WorkbenchDb, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    const tx = db.transaction(['audit', 'settings'], 'readwrite');
    await Promise.all([...entries.map((e) => tx.objectStore('audit').add(e)), tx.objectStore('settings').put(headAfter(entries.at(-1)!), AUDIT_HEAD_KEY), tx.done]);
  } catch (error) {
    throw explainStorageError(error, `${entries.length} audit entries`);
  }
}
