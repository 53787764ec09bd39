import type { AuditEntry } from '../domain/audit';
import type { HashList } from '../domain/evidence/hash-list';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export function listHashLists(db: WorkbenchDb): Promise<HashList[]> {
  return db.getAll('hashLists');
}

export async function saveHashList(db: WorkbenchDb, list: HashList): Promise<void> {
  try {
    await db.put('hashLists', list);
  } catch (error) {
    throw explainStorageError(error, `the hash list "${list.name}"`);
  }
}

export async function deleteHashList(db: WorkbenchDb, id: string): Promise<void> {
  await db.delete('hashLists', id);
}

/**
 * Appends audit entries that record no annotation change (hash-set matches, redactions), in one transaction: all or
 * none. An entry whose seq another writer took fails the whole batch (ConstraintError): chain again and retry.
 */
export async function appendAuditEntries(db: WorkbenchDb, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  try {
    const tx = db.transaction('audit', 'readwrite');
    await Promise.all([...entries.map((e) => tx.store.add(e)), tx.done]);
  } catch (error) {
    throw explainStorageError(error, `${entries.length} audit entries`);
  }
}
