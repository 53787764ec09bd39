import type { Annotation, Change, ImageReviewStatus } from '../domain/annotation';
import type { AuditEntry } from '../domain/audit';
import { type ImageSummary, summarize } from '../domain/gallery-filter';
import type { ImageRecord } from '../domain/image';
import type { WorkbenchDb } from './db';
import { AUDIT_HEAD_KEY, headAfter } from './audit';
import { explainStorageError } from './errors';
import { writeAll } from './tx';

/** What one applyChange wrote, once it is committed. */
export interface WrittenChange {
  /** The project's database. */
  database: string;
  change: Change;
  entry: AuditEntry;
  summary: ImageSummary;
  /** The image's record, when the change moved its review status. */
  image?: ImageRecord;
}
type ChangeListener = (written: WrittenChange) => void;
const changeListeners = new Set<ChangeListener>();

/** Hears every change applyChange committed in this page (the project context passes it on to the stores). */
export function onChangeWritten(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Refused because the annotations it starts from are no longer what is stored: another tab changed them first. */
export class StaleChangeError extends Error {
  constructor(readonly imageSha256: string, what: string) {
    super(`${what} was changed meanwhile (in another tab?): the image's annotations are read again; make the edit again if it is still needed`);
    this.name = 'StaleChangeError';
  }
}

const same = (a: Annotation | undefined, b: Annotation) => a !== undefined && a.updatedAt === b.updatedAt && a.status === b.status && a.label === b.label;

/**
 * Writes a change's annotations, its audit entry (and the log's recorded head), the image's summary and, given
 * `review`, the image's review status in one transaction: all or nothing. An entry whose seq is taken (another tab
 * wrote first) fails the whole change; read lastAuditEntry again and retry. A change whose `before` is no longer what
 * is stored (another tab edited those annotations first) is refused whole with a StaleChangeError, so no edit
 * silently overwrites another.
 */
export async function applyChange(db: WorkbenchDb, change: Change, entry: AuditEntry, review?: ImageReviewStatus): Promise<void> {
  if (entry.imageSha256 !== change.imageSha256 || entry.action !== change.action) {
    throw new Error(`audit entry ${entry.seq} does not record this change`);
  }
  let written: ImageSummary | undefined;
  let image: ImageRecord | undefined;
  try {
    const tx = db.transaction(['annotations', 'audit', 'imageSummaries', 'settings', 'images'], 'readwrite');
    const annotations = tx.objectStore('annotations');
    const kept = new Set(change.after.map((a) => a.id));
    const stale = await staleIn(change, (id) => annotations.get(id));
    if (stale) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new StaleChangeError(change.imageSha256, stale);
    }
    await writeAll(tx, (add) => {
      for (const a of change.before) if (!kept.has(a.id)) add(annotations.delete(a.id));
      for (const a of change.after) add(annotations.put(a));
      add(tx.objectStore('audit').add(entry));
      add(tx.objectStore('settings').put(headAfter(entry), AUDIT_HEAD_KEY));
      // Requests run in order, so this reads the image's annotations with the change applied.
      add(
        annotations.index('byImage').getAll(change.imageSha256).then((list) => {
          written = summarize(change.imageSha256, list);
          return tx.objectStore('imageSummaries').put(written);
        }),
      );
      if (review) {
        const images = tx.objectStore('images');
        add(
          images.get(change.imageSha256).then((record) => {
            if (!record || (record.review ?? 'unreviewed') === review) return undefined;
            image = { ...record, review };
            return images.put(image);
          }),
        );
      }
    });
  } catch (error) {
    if (error instanceof StaleChangeError) throw error;
    throw explainStorageError(error, `the ${change.action} change`);
  }
  const done: WrittenChange = { database: db.name, change, entry, summary: written!, ...(image ? { image } : {}) };
  announceWritten([done]);
}

/** Tells the listeners of changes committed (by applyChange, or applyChanges for many). */
export function announceWritten(written: readonly WrittenChange[]): void {
  for (const done of written) for (const listener of changeListeners) listener(done);
}

/** The first annotation the change starts from that is not stored as it expects, in words; undefined when none. */
async function staleIn(change: Change, stored: (id: string) => Promise<Annotation | undefined>): Promise<string | undefined> {
  const kept = new Set(change.before.map((a) => a.id));
  const [before, added] = await Promise.all([
    Promise.all(change.before.map((a) => stored(a.id))),
    Promise.all(change.after.filter((a) => !kept.has(a.id)).map((a) => stored(a.id))),
  ]);
  const changed = change.before.findIndex((a, i) => !same(before[i], a));
  if (changed !== -1) return `annotation ${change.before[changed]!.label} (${change.before[changed]!.id.slice(0, 8)})`;
  const taken = added.find((a) => a !== undefined);
  return taken && `annotation ${taken.label} (${taken.id.slice(0, 8)})`;
}

const inListOrder = (all: Annotation[]) => all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (b.score ?? 0) - (a.score ?? 0) || a.id.localeCompare(b.id));
/** Every annotation of the project (to replay the audit log against). */
export const allAnnotations = (db: WorkbenchDb): Promise<Annotation[]> => db.getAll('annotations');

/** One image's annotations, oldest first; one batch of suggestions best first. */
export async function annotationsOf(db: WorkbenchDb, imageSha256: string): Promise<Annotation[]> {
  return inListOrder(await db.getAllFromIndex('annotations', 'byImage', imageSha256));
}

/** Several images' annotations (each as annotationsOf orders them), read in one transaction with the requests pipelined. */
export async function annotationsOfMany(db: WorkbenchDb, imageSha256s: readonly string[]): Promise<Annotation[][]> {
  const index = db.transaction('annotations').store.index('byImage');
  const lists = await Promise.all(imageSha256s.map((sha) => index.getAll(sha)));
  return lists.map(inListOrder);
}
