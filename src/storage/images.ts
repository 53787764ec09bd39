import type { ImageRecord } from '../domain/image';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export interface StoredImage {
  record: ImageRecord;
  blob: Blob;
  thumbnail: Blob;
  /** For formats the browser cannot display (TIFF): what the viewer shows instead. */
  preview?: Blob;
}

/** Saves record, bytes and thumbnail in one transaction: an image is stored whole or not at all. Returns false for a duplicate. */
export async function addImage(db: WorkbenchDb, { record, blob, thumbnail, preview }: StoredImage): Promise<boolean> {
  try {
    const tx = db.transaction(['images', 'blobs', 'thumbnails', 'previews'], 'readwrite');
    if (await tx.objectStore('images').getKey(record.sha256)) {
      await tx.done;
      return false;
    }
    await Promise.all([
      tx.objectStore('images').add(record),
      tx.objectStore('blobs').put(blob, record.sha256),
      tx.objectStore('thumbnails').put(thumbnail, record.sha256),
      ...(preview ? [tx.objectStore('previews').put(preview, record.sha256)] : []),
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

/** What the viewer shows: the preview where one was made (TIFF), else the original bytes. */
export async function getDisplayBlob(db: WorkbenchDb, sha256: string): Promise<Blob | undefined> {
  return (await db.get('previews', sha256)) ?? (await db.get('blobs', sha256));
}

export function getThumbnail(db: WorkbenchDb, sha256: string): Promise<Blob | undefined> {
  return db.get('thumbnails', sha256);
}

/** Replaces an image's record (its bytes never change: the hash is the identity). */
export async function updateImage(db: WorkbenchDb, record: ImageRecord): Promise<void> {
  try {
    await db.put('images', record);
  } catch (error) {
    throw explainStorageError(error, record.fileName);
  }
}
