// The model library: models people add (and, later, train) in a database of its own, shared by every project.
// Each model is its manifest plus its files, keyed by its identity (SHA-256 over files and decoding choices).
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { modelIdentity } from '../domain/model-import/identity';
import { libraryManifest, versionSlot } from '../domain/model-import/library';
import type { ModelManifest } from '../domain/model-manifest';
import { explainStorageError, StorageFullError } from './errors';

export const MODEL_LIBRARY_DB_NAME = 'recognition-workbench-models';

export interface LibraryModelRecord {
  sha256: string;
  manifest: ModelManifest;
  /** How a model trained in the workbench was made (data, settings, metrics); absent for added files. */
  training?: unknown;
}

interface LibraryFile {
  sha256: string;
  path: string;
  blob: Blob;
}

interface ModelLibrarySchema extends DBSchema {
  models: { key: string; value: LibraryModelRecord };
  files: { key: [string, string]; value: LibraryFile; indexes: { byModel: string } };
}

type ModelLibraryDb = IDBPDatabase<ModelLibrarySchema>;

let opened: Promise<ModelLibraryDb> | undefined;

function libraryDb(): Promise<ModelLibraryDb> {
  opened ??= openDB<ModelLibrarySchema>(MODEL_LIBRARY_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('models', { keyPath: 'sha256' });
      db.createObjectStore('files', { keyPath: ['sha256', 'path'] }).createIndex('byModel', 'sha256');
    },
  });
  return opened;
}

/** A model to put in the library: the files it was read from and its manifest as proposed and corrected. */
export interface NewLibraryModel {
  manifest: ModelManifest;
  /** Every file manifest.files lists, by path. */
  files: ReadonlyMap<string, Uint8Array>;
  name: string;
  /** What it came from, for people: "folder yolo_web_model", "training run 2026-03-01 10:00". */
  origin: string;
  /** Add it as the next version of this family (slug); default: the family whose models carry its name, else a new one. */
  family?: string;
  training?: unknown;
}

export interface AddOptions {
  /** Ids that are not free (the bundled models'). */
  reserved?: readonly string[];
  now?: () => string;
  /** The browser's storage estimate; the default asks navigator.storage. */
  estimate?: () => Promise<{ usage?: number; quota?: number } | undefined>;
}

export interface AddResult {
  record: LibraryModelRecord;
  /** False when the identical model (same files and choices) was in the library already. */
  added: boolean;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Adds a model as a new version (or finds it there already): its manifest gets its identity, id and version, and
 * manifest and files are written in one transaction, so a model is stored whole or not at all. A model larger than
 * the storage left is refused before anything is written.
 */
export async function addLibraryModel(model: NewLibraryModel, options: AddOptions = {}): Promise<AddResult> {
  const missing = model.manifest.files.filter((f) => !model.files.has(f.path)).map((f) => f.path);
  if (missing.length > 0) throw new Error(`the model's files lack ${missing.join(', ')}`);
  const sha256 = await modelIdentity(model.manifest);
  const db = await libraryDb();
  const existing = await db.getAll('models');
  const same = existing.find((r) => r.sha256 === sha256);
  if (same) return { record: same, added: false };

  const bytes = model.manifest.files.reduce((n, f) => n + (model.files.get(f.path)?.byteLength ?? 0), 0);
  const estimate = await (options.estimate ?? defaultEstimate)().catch(() => undefined);
  if (estimate?.quota !== undefined) {
    const left = estimate.quota - (estimate.usage ?? 0);
    if (bytes > left) {
      throw new StorageFullError(`${model.name} needs ${megabytes(bytes)}, but the browser has ${megabytes(Math.max(0, left))} left for this site: nothing was stored. Free space (delete images, projects or other models) and try again.`);
    }
  }
  const slot = versionSlot(
    existing.map((r) => r.manifest),
    model.name,
    { ...(model.family ? { family: model.family } : {}), ...(model.manifest.library ? { pinned: model.manifest.library } : {}), ...(options.reserved ? { reserved: options.reserved } : {}) },
  );
  const addedAt = options.now?.() ?? new Date().toISOString();
  const record: LibraryModelRecord = {
    sha256,
    manifest: libraryManifest(model.manifest, sha256, slot, model.name, addedAt, model.origin),
    ...(model.training !== undefined ? { training: model.training } : {}),
  };
  try {
    const tx = db.transaction(['models', 'files'], 'readwrite');
    const writes: Promise<unknown>[] = [tx.objectStore('models').add(record)];
    for (const f of model.manifest.files) {
      writes.push(tx.objectStore('files').put({ sha256, path: f.path, blob: new Blob([model.files.get(f.path)! as BlobPart]) }));
    }
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    throw explainStorageError(error, model.name);
  }
  return { record, added: true };
}

async function defaultEstimate() {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage as StorageManager | undefined;
  return typeof storage?.estimate === 'function' ? storage.estimate() : undefined;
}

/** Every model in the library, by family then version. */
export async function listLibraryModels(): Promise<LibraryModelRecord[]> {
  const all = await (await libraryDb()).getAll('models');
  return all.sort((a, b) => (a.manifest.library!.family < b.manifest.library!.family ? -1 : a.manifest.library!.family > b.manifest.library!.family ? 1 : a.manifest.library!.versionNumber - b.manifest.library!.versionNumber));
}

export async function getLibraryModel(sha256: string): Promise<LibraryModelRecord | undefined> {
  return (await libraryDb()).get('models', sha256);
}

/** One file of a library model. */
export async function readLibraryFile(sha256: string, path: string): Promise<ArrayBuffer> {
  const file = await (await libraryDb()).get('files', [sha256, path]);
  if (!file) throw new Error(`${path} of library model ${sha256.slice(0, 12)}… is not in the library`);
  return file.blob.arrayBuffer();
}

/** A new display name; id, version and cached results stay as they are. */
export async function renameLibraryModel(sha256: string, name: string): Promise<LibraryModelRecord> {
  const db = await libraryDb();
  const tx = db.transaction('models', 'readwrite');
  const record = await tx.store.get(sha256);
  if (!record) throw new Error('that model is no longer in the library');
  const renamed = { ...record, manifest: { ...record.manifest, name } };
  await tx.store.put(renamed);
  await tx.done;
  return renamed;
}

/** Removes the model and its files in one transaction. Results it produced stay in the projects. */
export async function removeLibraryModel(sha256: string): Promise<void> {
  const db = await libraryDb();
  const tx = db.transaction(['models', 'files'], 'readwrite');
  const keys = await tx.objectStore('files').index('byModel').getAllKeys(sha256);
  await Promise.all([tx.objectStore('models').delete(sha256), ...keys.map((k) => tx.objectStore('files').delete(k)), tx.done]);
}

/** A model's files, by path, to export or share. */
export async function libraryModelFiles(sha256: string): Promise<Map<string, Uint8Array>> {
  const files = await (await libraryDb()).getAllFromIndex('files', 'byModel', sha256);
  const read = await Promise.all(files.map(async (f) => [f.path, new Uint8Array(await f.blob.arrayBuffer())] as const));
  return new Map(read);
}
