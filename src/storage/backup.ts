// A project's whole content out of its database (for a backup) and into a fresh one (a restore).
import { deleteDB } from 'idb';
import type { Annotation } from '../domain/annotation';
import { jsonFiles, PATHS, type ProjectContents } from '../domain/backup';
import { summarize } from '../domain/gallery-filter';
import { readImageHeader } from '../domain/image-header';
import { openWorkbenchDb, type WorkbenchDb } from './db';
import { explainStorageError } from './errors';
import { readLabelSet, saveLabelSet } from './labels';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Where a backup goes, file by file (the domain's BundleWriter). */
export interface BundleSink {
  add(path: string, bytes: Uint8Array): Promise<void>;
}

/**
 * Hands a project's whole content to a bundle writer: the JSON files, then the stored images one at a time,
 * so memory holds one image, not the project. Returns what it wrote, for the user.
 */
export async function backupProject(db: WorkbenchDb, includeImages: boolean, sink: BundleSink): Promise<{ images: number; annotations: number; audit: number }> {
  const [images, annotations, predictions, audit, labels] = await Promise.all([
    db.getAllFromIndex('images', 'byImportedAt'),
    db.getAll('annotations'),
    db.getAll('predictions'),
    db.getAll('audit'),
    readLabelSet(db),
  ]);
  for (const [path, bytes] of jsonFiles({ images, annotations, predictions, audit, labels })) await sink.add(path, bytes);
  const stores = includeImages ? (['blobs', 'thumbnails', 'previews'] as const) : (['thumbnails'] as const);
  for (const store of stores) {
    const path = store === 'blobs' ? PATHS.blob : store === 'thumbnails' ? PATHS.thumbnail : PATHS.preview;
    for (const key of await db.getAllKeys(store)) {
      const blob = await db.get(store, key);
      if (blob) await sink.add(path(key), await bytesOf(blob));
    }
  }
  return { images: images.length, annotations: annotations.length, audit: audit.length };
}

function mimeOf(bytes: Uint8Array, fallback: string): string {
  try {
    return readImageHeader(bytes).mime;
  } catch {
    return fallback;
  }
}

/** Records per transaction: large enough to be fast, small enough that one transaction stays light. */
const CHUNK = 500;

async function inChunks<T>(items: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

/**
 * Writes a checked bundle's contents into a new, empty database. If anything fails on the way the database is
 * deleted again, so a restore either gives the whole project or nothing.
 */
export async function restoreProject(dbName: string, contents: ProjectContents, onProgress?: (done: number, total: number) => void): Promise<void> {
  const db = await openWorkbenchDb(dbName);
  try {
    if ((await db.count('images')) > 0) throw new Error(`the database ${dbName} is not empty`);
    const total = contents.images.length;
    let done = 0;
    await inChunks(contents.images, async (records) => {
      const tx = db.transaction(['images', 'blobs', 'thumbnails', 'previews'], 'readwrite');
      const writes: Promise<unknown>[] = [];
      for (const record of records) {
        writes.push(tx.objectStore('images').put(record));
        const blob = contents.blobs.get(record.sha256);
        if (blob) writes.push(tx.objectStore('blobs').put(new Blob([blob as Uint8Array<ArrayBuffer>], { type: record.type }), record.sha256));
        const thumbnail = contents.thumbnails.get(record.sha256);
        if (thumbnail) writes.push(tx.objectStore('thumbnails').put(new Blob([thumbnail as Uint8Array<ArrayBuffer>], { type: mimeOf(thumbnail, 'image/webp') }), record.sha256));
        const preview = contents.previews.get(record.sha256);
        if (preview) writes.push(tx.objectStore('previews').put(new Blob([preview as Uint8Array<ArrayBuffer>], { type: mimeOf(preview, 'image/webp') }), record.sha256));
      }
      await Promise.all([...writes, tx.done]);
      done += records.length;
      onProgress?.(done, total);
    });
    await inChunks(contents.annotations, async (list) => {
      const tx = db.transaction('annotations', 'readwrite');
      await Promise.all([...list.map((a) => tx.store.put(a)), tx.done]);
    });
    const byImage = new Map<string, Annotation[]>();
    for (const a of contents.annotations) {
      const list = byImage.get(a.imageSha256);
      if (list) list.push(a);
      else byImage.set(a.imageSha256, [a]);
    }
    await inChunks([...byImage], async (groups) => {
      const tx = db.transaction('imageSummaries', 'readwrite');
      await Promise.all([...groups.map(([sha, list]) => tx.store.put(summarize(sha, list))), tx.done]);
    });
    await inChunks(contents.predictions, async (list) => {
      const tx = db.transaction('predictions', 'readwrite');
      await Promise.all([...list.map((p) => tx.store.put(p)), tx.done]);
    });
    await inChunks(contents.audit, async (list) => {
      const tx = db.transaction('audit', 'readwrite');
      await Promise.all([...list.map((e) => tx.store.add(e)), tx.done]);
    });
    await saveLabelSet(db, contents.labels);
    db.close();
  } catch (error) {
    db.close();
    await deleteDB(dbName).catch(() => undefined);
    throw explainStorageError(error, 'the restored project');
  }
}
