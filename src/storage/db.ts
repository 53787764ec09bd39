import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { Annotation } from '../domain/annotation';
import type { AreaRun } from '../domain/area-run';
import { type AuditEntry, GENESIS_HASH } from '../domain/audit';
import type { BatchJob } from '../domain/batch';
import type { HashList } from '../domain/evidence/hash-list';
import { type ImageSummary, summarize } from '../domain/gallery-filter';
import type { ImageRecord } from '../domain/image';
import type { PredictionRecord } from '../domain/prediction';
import { DEFAULT_DB_NAME } from '../domain/project';

/** The default project's database (the one the app used before projects); others are `recognition-workbench:<id>`. */
export const DB_NAME = DEFAULT_DB_NAME;
/** Bump together with a new step in `migrations`; every earlier version must still open. */
export const SCHEMA_VERSION = 7;

export interface WorkbenchSchema extends DBSchema {
  images: { key: string; value: ImageRecord; indexes: { byImportedAt: string } };
  /** Original bytes, keyed by the image's SHA-256. */
  blobs: { key: string; value: Blob };
  thumbnails: { key: string; value: Blob };
  /** A browser-displayable rendering of images browsers cannot show (TIFF), since version 2. */
  previews: { key: string; value: Blob };
  predictions: { key: string; value: PredictionRecord; indexes: { byImage: string; byRun: string } };
  settings: { key: string; value: unknown };
  /** Batch runs, so a reload resumes them (since version 2). */
  jobs: { key: string; value: BatchJob; indexes: { byStatus: string } };
  /** Where a tiled run of one large image stands, by prediction key, so a reload continues it (since version 2). */
  tileCheckpoints: { key: string; value: { done: number; gathered: unknown[]; updatedAt: string } };
  /** Suggested and corrected annotations, by id (since version 2). */
  annotations: { key: string; value: Annotation; indexes: { byImage: string } };
  /** The hash-chained log of every annotation change, by seq (since version 2). */
  audit: { key: number; value: AuditEntry };
  /** What the gallery filters on, per image, kept in step with its annotations by applyChange (since version 3). */
  imageSummaries: { key: string; value: ImageSummary };
  /** *Detect area* runs over a mosaic of files, with their progress and merged result (since version 4). */
  areaRuns: { key: string; value: AreaRun; indexes: { byRun: string; byStatus: string } };
  /** Known-file hash lists loaded into the project, by id, their hashes packed and sorted (since version 5). */
  hashLists: { key: string; value: HashList };
  /** Feature vectors of images and box crops, by (embedder identity, image, crop), so retraining never recomputes them (since version 7). */
  embeddings: { key: string; value: EmbeddingRecord; indexes: { byImage: string } };
}

export interface EmbeddingRecord {
  /** `${embedder sha256}|${image sha256}|${crop}` */
  key: string;
  imageSha256: string;
  vector: Float32Array;
}

export type WorkbenchDb = IDBPDatabase<WorkbenchSchema>;
type UpgradeTransaction = IDBPTransaction<WorkbenchSchema, StoreNames<WorkbenchSchema>[], 'versionchange'>;

const migrations: ((db: WorkbenchDb, tx: UpgradeTransaction) => void | Promise<void>)[] = [
  // 0 → 1: the first schema.
  (db) => {
    db.createObjectStore('images', { keyPath: 'sha256' }).createIndex('byImportedAt', 'importedAt');
    db.createObjectStore('blobs');
    db.createObjectStore('thumbnails');
    const predictions = db.createObjectStore('predictions', { keyPath: 'key' });
    predictions.createIndex('byImage', 'imageSha256');
    predictions.createIndex('byRun', 'runKey');
    db.createObjectStore('settings');
  },
  // 1 → 2: persisted batch jobs and tiled-run checkpoints; previews of TIFFs; annotations and their audit log.
  (db) => {
    db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('byStatus', 'status');
    db.createObjectStore('tileCheckpoints');
    db.createObjectStore('previews');
    db.createObjectStore('annotations', { keyPath: 'id' }).createIndex('byImage', 'imageSha256');
    // seq comes from appendEntry, not autoIncrement: a second writer with the same seq fails instead of forking the chain.
    db.createObjectStore('audit', { keyPath: 'seq' });
  },
  // 2 → 3: per-image annotation summaries, built here from the annotations already stored.
  async (db, tx) => {
    db.createObjectStore('imageSummaries', { keyPath: 'imageSha256' });
    const byImage = new Map<string, Annotation[]>();
    for (const a of await tx.objectStore('annotations').getAll()) {
      const list = byImage.get(a.imageSha256) ?? [];
      list.push(a);
      byImage.set(a.imageSha256, list);
    }
    const summaries = tx.objectStore('imageSummaries');
    await Promise.all([...byImage].map(([sha, list]) => summaries.put(summarize(sha, list))));
  },
  // 3 → 4: area runs (Detect area over many files).
  (db) => {
    const runs = db.createObjectStore('areaRuns', { keyPath: 'key' });
    runs.createIndex('byRun', 'runKey');
    runs.createIndex('byStatus', 'status');
  },
  // 4 → 5: known-file hash lists (images imported before keep no MD5/SHA-1 until they are computed again).
  (db) => {
    db.createObjectStore('hashLists', { keyPath: 'id' });
  },
  // 5 → 6: the audit log's head (entry count and last hash) recorded in settings, as every write now keeps it, so
  // entries removed from the end of the log show. No new store.
  async (_db, tx) => {
    const last = await tx.objectStore('audit').openCursor(null, 'prev');
    const head = last ? { count: last.value.seq, hash: last.value.hash } : { count: 0, hash: GENESIS_HASH };
    await tx.objectStore('settings').put(head, 'auditHead');
  },
  // 6 → 7: the embedding cache of training (empty: embeddings are made when a model is first trained).
  (db) => {
    db.createObjectStore('embeddings', { keyPath: 'key' }).createIndex('byImage', 'imageSha256');
  },
];

type ClosedListener = (name: string, reason: string) => void;
const closedListeners = new Set<ClosedListener>();

/**
 * Hears a project's connection closed because another tab (a newer version of the workbench) upgrades its database:
 * this page (or worker) let go of it rather than keep that tab waiting. Reloading picks up the new version.
 */
export function onConnectionClosed(listener: ClosedListener): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

export async function openWorkbenchDb(name = DB_NAME): Promise<WorkbenchDb> {
  try {
    return await openSchema(name);
  } catch (error) {
    if ((error as Error | undefined)?.name !== 'VersionError') throw error;
    throw new Error(`this project was opened by a newer version of the workbench (in another tab?): reload this tab to use it`, { cause: error });
  }
}

function openSchema(name: string): Promise<WorkbenchDb> {
  return openDB<WorkbenchSchema>(name, SCHEMA_VERSION, {
    async upgrade(db, oldVersion, newVersion, tx) {
      // Only requests on the upgrade transaction are awaited here, so it stays open across the steps.
      for (let v = oldVersion; v < (newVersion ?? SCHEMA_VERSION); v++) {
        const step = migrations[v]!(db, tx);
        if (step) await step;
      }
    },
    blocking(_current, wanted, event) {
      // Another tab wants a newer schema: let go, so it upgrades instead of waiting for this tab forever.
      (event.target as IDBDatabase).close();
      const reason =
        wanted === null
          ? 'Another tab deleted this project, so this tab closed it. Reload this tab to open another project.'
          : `Another tab opened this project with a newer version of the workbench (database version ${wanted}), so this tab closed it. Reload this tab to go on working; everything saved is kept.`;
      for (const listener of closedListeners) listener(name, reason);
    },
  });
}
