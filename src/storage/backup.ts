// A project's whole content out of its database (for a backup) and into a fresh one (a restore).
import { deleteDB } from 'idb';
import type { Annotation } from '../domain/annotation';
import { type BinaryKind, type BundleData, jsonFiles, PATHS } from '../domain/backup';
import { type ChainHead, headOf } from '../domain/audit-replay';
import { summarize } from '../domain/gallery-filter';
import { readImageHeader } from '../domain/image-header';
import { openWorkbenchDb, type WorkbenchDb } from './db';
import { AUDIT_HEAD_KEY, readAuditHead } from './audit';
import { explainStorageError } from './errors';
import { readLabelSet, saveLabelSet } from './labels';
import { projectSigningKeys, saveProjectSigningKeys } from './signing-keys';

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/** Where a backup goes, file by file (the domain's BundleWriter). */
export interface BundleSink {
  add(path: string, bytes: Uint8Array): Promise<void>;
}

/**
 * Hands a project's whole content to a bundle writer: the JSON files, then the stored images one at a time,
 * so memory holds one image, not the project. Returns what it wrote, for the user.
 */
export async function backupProject(
  db: WorkbenchDb,
  includeImages: boolean,
  sink: BundleSink,
): Promise<{ images: number; annotations: number; audit: number; auditHead: ChainHead }> {
  const [images, annotations, predictions, audit, labels, recorded, keys] = await Promise.all([
    db.getAllFromIndex('images', 'byImportedAt'),
    db.getAll('annotations'),
    db.getAll('predictions'),
    db.getAll('audit'),
    readLabelSet(db),
    readAuditHead(db),
    projectSigningKeys(db),
  ]);
  for (const [path, bytes] of jsonFiles({ images, annotations, predictions, audit, labels, keys })) await sink.add(path, bytes);
  const stores = includeImages ? (['blobs', 'thumbnails', 'previews'] as const) : (['thumbnails'] as const);
  for (const store of stores) {
    const path = store === 'blobs' ? PATHS.blob : store === 'thumbnails' ? PATHS.thumbnail : PATHS.preview;
    for (const key of await db.getAllKeys(store)) {
      const blob = await db.get(store, key);
      if (blob) await sink.add(path(key), await bytesOf(blob));
    }
  }
  // The head the project recorded, not the log's own end: a log cut short in storage then fails the backup's check.
  return { images: images.length, annotations: annotations.length, audit: audit.length, auditHead: recorded ?? headOf(audit) };
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

type ImageFile = { kind: BinaryKind; sha256: string; bytes: Uint8Array };
const STORE_OF = { blob: 'blobs', thumbnail: 'thumbnails', preview: 'previews' } as const;

/**
 * Writes a checked bundle into a new, empty database: its records, then its image files as they stream in
 * (a few hundred per transaction). If anything fails on the way the database is deleted again, so a restore
 * gives the whole project or nothing.
 */
export async function restoreProject(dbName: string, data: BundleData, files: AsyncIterable<ImageFile>, onProgress?: (done: number) => void): Promise<void> {
  const db = await openWorkbenchDb(dbName);
  try {
    if ((await db.count('images')) > 0) throw new Error(`the database ${dbName} is not empty`);
    await inChunks(data.images, async (records) => {
      const tx = db.transaction('images', 'readwrite');
      await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
    });
    await inChunks(data.annotations, async (list) => {
      const tx = db.transaction('annotations', 'readwrite');
      await Promise.all([...list.map((a) => tx.store.put(a)), tx.done]);
    });
    const byImage = new Map<string, Annotation[]>();
    for (const a of data.annotations) {
      const list = byImage.get(a.imageSha256);
      if (list) list.push(a);
      else byImage.set(a.imageSha256, [a]);
    }
    await inChunks([...byImage], async (groups) => {
      const tx = db.transaction('imageSummaries', 'readwrite');
      await Promise.all([...groups.map(([sha, list]) => tx.store.put(summarize(sha, list))), tx.done]);
    });
    await inChunks(data.predictions, async (list) => {
      const tx = db.transaction('predictions', 'readwrite');
      await Promise.all([...list.map((p) => tx.store.put(p)), tx.done]);
    });
    await inChunks(data.audit, async (list) => {
      const tx = db.transaction('audit', 'readwrite');
      await Promise.all([...list.map((e) => tx.store.add(e)), tx.done]);
    });
    await db.put('settings', headOf(data.audit), AUDIT_HEAD_KEY);
    if (data.keys) await saveProjectSigningKeys(db, data.keys);
    await saveLabelSet(db, data.labels);

    const typeOf = new Map(data.images.map((i) => [i.sha256, i.type]));
    let batch: ImageFile[] = [];
    let done = 0;
    const write = async () => {
      const tx = db.transaction(['blobs', 'thumbnails', 'previews'], 'readwrite');
      const writes = batch.map(({ kind, sha256, bytes }) => {
        const type = kind === 'blob' ? (typeOf.get(sha256) ?? '') : mimeOf(bytes, 'image/webp');
        return tx.objectStore(STORE_OF[kind]).put(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), sha256);
      });
      await Promise.all([...writes, tx.done]);
      done += batch.length;
      batch = [];
      onProgress?.(done);
    };
    for await (const file of files) {
      batch.push(file);
      if (batch.length >= CHUNK) await write();
    }
    if (batch.length > 0) await write();
    db.close();
  } catch (error) {
    db.close();
    await deleteDB(dbName).catch(() => undefined);
    throw explainStorageError(error, 'the restored project');
  }
}
