// Images imported before MD5, SHA-1, the perceptual hash and metadata were computed get them here, from their
// stored bytes and thumbnail: the import worker hashes, the page reads metadata and the thumbnail.
import { create } from 'zustand';
import { perceptualHash } from '../domain/evidence/phash';
import type { ImageRecord } from '../domain/image';
import { decodeToPixels } from '../platform/image-decode';
import { importWorker } from '../platform/import-worker-client';
import { getImageBlob, getThumbnail, updateImages } from '../storage';
import { recordMatches, useHashLists } from './hash-lists';
import { useLibrary } from './library';
import { database, errorMessage, publish } from './project-context';

export const lacksEvidence = (image: ImageRecord) => !image.md5 || !image.sha1 || !image.exif || !image.phash;

interface BackfillState {
  running: { done: number; total: number } | null;
  message: string | null;
  run(): Promise<void>;
}

async function complete(image: ImageRecord): Promise<ImageRecord> {
  const db = await database();
  const blob = await getImageBlob(db, image.sha256);
  if (!blob) throw new Error('its bytes are not in this project (restored from a backup without images)');
  const hashes = image.md5 && image.sha1 ? { md5: image.md5, sha1: image.sha1, sha256: image.sha256 } : await importWorker().hash(blob);
  if (hashes.sha256 !== image.sha256) throw new Error(`its stored bytes hash to ${hashes.sha256}, not to its SHA-256: storage is damaged`);
  // exifr loads only when an older image needs it, not with the page.
  const exif = image.exif ?? (await (await import('../domain/evidence/metadata')).readMetadata(blob));
  let phash = image.phash;
  const thumbnail = phash ? undefined : await getThumbnail(db, image.sha256);
  if (thumbnail) phash = perceptualHash(await decodeToPixels(thumbnail));
  return { ...image, md5: hashes.md5, sha1: hashes.sha1, exif, ...(phash ? { phash } : {}) };
}

export const useBackfill = create<BackfillState>((set) => ({
  running: null,
  message: null,

  async run() {
    const todo = useLibrary.getState().images.filter(lacksEvidence);
    if (todo.length === 0) return;
    set({ running: { done: 0, total: todo.length }, message: null });
    const completed: ImageRecord[] = [];
    const failed: string[] = [];
    for (const [index, image] of todo.entries()) {
      try {
        completed.push(await complete(image));
      } catch (error) {
        failed.push(`${image.fileName}: ${errorMessage(error)}`);
      }
      set({ running: { done: index + 1, total: todo.length } });
    }
    try {
      await updateImages(await database(), completed);
      await publish({ type: 'images-updated', images: completed, origin: 'this-tab' });
      // MD5 and SHA-1 are new: lists may hold them now.
      await recordMatches(completed, useHashLists.getState().lists, new Map(todo.map((t) => [t.sha256, t])));
      set({ message: `Computed hashes and metadata for ${completed.length} ${completed.length === 1 ? 'image' : 'images'}.${failed.length ? ` Not for: ${failed.join('; ')}` : ''}` });
    } catch (error) {
      set({ message: `Nothing was saved: ${errorMessage(error)}` });
    } finally {
      set({ running: null });
    }
  },
}));
