import type { ImageRecord } from '../domain/image';
import type { PredictionRecord } from '../domain/prediction';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';
import { writeAll } from './tx';

export interface StoredImage {
  record: ImageRecord;
  blob: Blob;
  thumbnail: Blob;
  /** For formats the browser cannot display (TIFF): what the viewer shows instead. */
  preview?: Blob;
}

/**
 * Saves record, bytes and thumbnail in one transaction: an image is stored whole or not at all. Returns false
 * for a duplicate. An image restored from a backup without its bytes gets them here (and counts as added).
 */
export async function addImage(db: WorkbenchDb, { record, blob, thumbnail, preview }: StoredImage): Promise<boolean> {
  try {
    const tx = db.transaction(['images', 'blobs', 'thumbnails', 'previews'], 'readwrite');
    const known = (await tx.objectStore('images').getKey(record.sha256)) !== undefined;
    if (known && (await tx.objectStore('blobs').getKey(record.sha256)) !== undefined) {
      await tx.done;
      return false;
    }
    await writeAll(tx, (add) => {
      if (!known) add(tx.objectStore('images').add(record));
      add(tx.objectStore('blobs').put(blob, record.sha256));
      add(tx.objectStore('thumbnails').put(thumbnail, record.sha256));
      if (preview) add(tx.objectStore('previews').put(preview, record.sha256));
    });
    return true;
  } catch (error) {
    throw explainStorageError(error, record.fileName);
  }
}

export async function hasImage(db: WorkbenchDb, sha256: string): Promise<boolean> {
  return (await db.getKey('images', sha256)) !== undefined;
}

/** False for an image restored from a backup without its original bytes. */
export async function hasImageBytes(db: WorkbenchDb, sha256: string): Promise<boolean> {
  return (await db.getKey('blobs', sha256)) !== undefined;
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

/** Replaces many records in one transaction (a bulk "mark reviewed"): all or none. */
export async function updateImages(db: WorkbenchDb, records: readonly ImageRecord[]): Promise<void> {
  try {
    const tx = db.transaction('images', 'readwrite');
    await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
  } catch (error) {
    throw explainStorageError(error, records.length === 1 ? records[0]!.fileName : `${records.length} image records`);
  }
}

/**
 * Removes an image and everything kept for it (bytes, thumbnail, preview, cached results, embeddings, summary) in one
 * transaction. Its annotations must be removed first through applyChange, so that removal is in the audit log.
 */
export async function deleteImage(db: WorkbenchDb, sha256: string): Promise<void> {
  const tx = db.transaction(['images', 'blobs', 'thumbnails', 'previews', 'predictions', 'imageSummaries', 'annotations', 'embeddings'], 'readwrite');
  const left = await tx.objectStore('annotations').index('byImage').count(sha256);
  if (left > 0) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`${sha256.slice(0, 12)}… still has ${left} annotations: remove them (with their audit entry) first`);
  }
  const predictionKeys = await tx.objectStore('predictions').index('byImage').getAllKeys(sha256);
  const embeddingKeys = await tx.objectStore('embeddings').index('byImage').getAllKeys(sha256);
  await Promise.all([
    ...['images', 'blobs', 'thumbnails', 'previews', 'imageSummaries'].map((store) => tx.objectStore(store as 'blobs').delete(sha256)),
    ...predictionKeys.map((key) => tx.objectStore('predictions').delete(key)),
    ...embeddingKeys.map((key) => tx.objectStore('embeddings').delete(key)),
    tx.done,
  ]);
}

/** Replaces an image's record (its bytes never change: the hash is the identity). */
export async function updateImage(db: WorkbenchDb, record: ImageRecord): Promise<void> {
  try {
    await db.put('images', record);
  } catch (error) {
    throw explainStorageError(error, record.fileName);
  }
}

/**
 * What a model run needs, read in one go: the result already stored under `resultKey` (then nothing is run), the
 * image's record and its original bytes. One transaction, not awaited to its end: in a batch each event this
 * thread waits for is one more model run before the image is ready.
 */
export async function getImageToRun(db: WorkbenchDb, sha256: string, resultKey: string): Promise<{ cached?: PredictionRecord; record?: ImageRecord; blob?: Blob }> {
  const tx = db.transaction(['predictions', 'images', 'blobs'], 'readonly');
  const [cached, record, blob] = await Promise.all([tx.objectStore('predictions').get(resultKey), tx.objectStore('images').get(sha256), tx.objectStore('blobs').get(sha256)]);
  return { ...(cached ? { cached } : {}), ...(record ? { record } : {}), ...(blob ? { blob } : {}) };
}
