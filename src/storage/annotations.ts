import type { Annotation, Change } from '../domain/annotation';
import type { AuditEntry } from '../domain/audit';
import { type ImageSummary, summarize } from '../domain/gallery-filter';
import type { WorkbenchDb } from './db';
import { AUDIT_HEAD_KEY, headAfter } from './audit';
import { explainStorageError } from './errors';
import { writeAll } from './tx';

type SummaryListener = (summary: ImageSummary) => void;
const summaryListeners = new Set<SummaryListener>();

/** Hears every image summary applyChange wrote (in this page), whoever made the change. */
export function onSummaryWritten(listener: SummaryListener): () => void {
  summaryListeners.add(listener);
  return () => summaryListeners.delete(listener);
}

/**
 * Writes a change's annotations, its audit entry and the image's summary in one transaction: all or nothing. An entry whose seq is
 * taken (another tab wrote first) fails the whole change; read lastAuditEntry again and retry.
 */
export async function applyChange(db: WorkbenchDb, change: Change, entry: AuditEntry): Promise<void> {
  if (entry.imageSha256 !== change.imageSha256 || entry.action !== change.action) {
    throw new Error(`audit entry ${entry.seq} does not record this change`);
  }
  try {
    const tx = db.transaction(['annotations', 'audit', 'imageSummaries', 'settings'], 'readwrite');
    const annotations = tx.objectStore('annotations');
    const kept = new Set(change.after.map((a) => a.id));
    let written: ImageSummary | undefined;
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
    });
    for (const listener of summaryListeners) listener(written!);
  } catch (error) {
    throw explainStorageError(error, `the ${change.action} change`);
  }
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
