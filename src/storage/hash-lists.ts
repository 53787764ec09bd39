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
