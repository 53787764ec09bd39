import type { EmbeddingRecord, WorkbenchDb } from './db';
import { explainStorageError } from './errors';

/** The cached embeddings among these keys (one read transaction). */
export async function getEmbeddings(db: WorkbenchDb, keys: readonly string[]): Promise<Map<string, Float32Array>> {
  const tx = db.transaction('embeddings');
  const found = await Promise.all(keys.map((key) => tx.store.get(key)));
  await tx.done;
  return new Map(found.filter((r): r is EmbeddingRecord => r !== undefined).map((r) => [r.key, r.vector]));
}

/** Stores embeddings in one transaction; a quota error names what could not be kept. */
export async function putEmbeddings(db: WorkbenchDb, records: readonly EmbeddingRecord[]): Promise<void> {
  try {
    const tx = db.transaction('embeddings', 'readwrite');
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  } catch (error) {
    throw explainStorageError(error, `${records.length} embeddings`);
  }
}

export function countEmbeddings(db: WorkbenchDb): Promise<number> {
  return db.count('embeddings');
}
