import type { ImageRecord } from '../domain/image';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export interface StoredImage {
  record: ImageRecord;
  blob: Blob;
  thumbnail: Blob;
}

/** Saves record, bytes and thumbnail in one transaction: an image is stored whole or not at all. Returns false for a duplicate. */
export async function addImage(db: WorkbenchDb, { record, blob, thumbnail }: StoredImage): Promise<boolean> {
  try {
    const tx = db.transaction(['images', 'blobs', 'thumbnails'], 'readwrite');
    if (await tx.objectStore('images').getKey(record.sha256)) {
      await tx.done;
      return false;
    }
    await Promise.all([
      tx.objectStore('images').add(record),
      tx.objectStore('blobs').put(blob, record.sha256),
      tx.objectStore('thumbnails').put(thumbnail, record.sha256),
      tx.done,
    ]);
    return true;
  } catch (error) {
    throw explainStorageError(error, record.fileName);
  }
}

export async function hasImage(db: WorkbenchDb, sha256: string): Promise<boolean> {
  return (await db.getKey('images', sha256)) !== undefined;
}

/** Oldest first, as imported. */
export function listImages(db: WorkbenchDb): Promise<ImageRecord[]> {
  return db.getAllFromIndex('images', 'byImportedAt');
}

export function getImageBlob(db: WorkbenchDb, sha256: string): Promise<Blob | undefined> {
  return db.get('blobs', sha256);
}

export function getThumbnail(db: WorkbenchDb, sha256: string): Promise<Blob | undefined> {
  return db.get('thumbnails', sha256);
}
