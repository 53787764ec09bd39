import type { Annotation } from '../domain/annotation';
import type { WorkbenchDb } from './db';

/** The annotations of many images (the map draws every georeferenced image's boxes), read in one transaction. */
export async function annotationsOfImages(db: WorkbenchDb, sha256s: readonly string[]): Promise<Map<string, Annotation[]>> {
  const index = db.transaction('annotations').store.index('byImage');
  const lists = await Promise.all(sha256s.map((sha) => index.getAll(sha)));
  return new Map(sha256s.map((sha, i) => [sha, lists[i]!]));
}
