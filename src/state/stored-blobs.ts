import { getDisplayBlob, getThumbnail } from '../storage';
import { database } from './project-context';

export type StoredBlobKind = 'display' | 'thumbnail';

/** The open project's display image (a rendered preview for a TIFF) or thumbnail of an image, if stored. */
export async function readStoredBlob(kind: StoredBlobKind, sha256: string): Promise<Blob | undefined> {
  const db = await database();
  return kind === 'display' ? getDisplayBlob(db, sha256) : getThumbnail(db, sha256);
}
