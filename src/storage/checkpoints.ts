import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export interface StoredCheckpoint<T> {
  done: number;
  gathered: T[];
}

export async function loadCheckpoint<T>(db: WorkbenchDb, key: string): Promise<StoredCheckpoint<T> | undefined> {
  const stored = await db.get('tileCheckpoints', key);
  return stored && { done: stored.done, gathered: stored.gathered as T[] };
}

export async function saveCheckpoint<T>(db: WorkbenchDb, key: string, checkpoint: StoredCheckpoint<T>): Promise<void> {
  try {
    await db.put('tileCheckpoints', { ...checkpoint, updatedAt: new Date().toISOString() }, key);
  } catch (error) {
    throw explainStorageError(error, 'the tiled-run progress');
  }
}

export function deleteCheckpoint(db: WorkbenchDb, key: string): Promise<void> {
  return db.delete('tileCheckpoints', key);
}
