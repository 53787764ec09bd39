import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

/**
 * Replaces what is shown for an image (preview and thumbnail) after it was rendered anew, e.g. with other stretch
 * percentiles. Both or neither: the gallery and the viewer never disagree.
 */
export async function replaceRenderings(db: WorkbenchDb, sha256: string, preview: Blob, thumbnail: Blob, fileName: string): Promise<void> {
  try {
    const tx = db.transaction(['previews', 'thumbnails'], 'readwrite');
    await Promise.all([tx.objectStore('previews').put(preview, sha256), tx.objectStore('thumbnails').put(thumbnail, sha256), tx.done]);
  } catch (error) {
    throw explainStorageError(error, fileName);
  }
}
