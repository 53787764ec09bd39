import type { Change } from '../domain/annotation';
import type { AuditEntry } from '../domain/audit';
import { type ImageSummary, summarize } from '../domain/gallery-filter';
import { type LabelSet, withLabels } from '../domain/labels';
import type { WorkbenchDb } from './db';
import { announceWritten } from './annotations';
import { AUDIT_HEAD_KEY, headAfter } from './audit';
import { explainStorageError } from './errors';
import { writeAll } from './tx';

/** The settings key labels.ts keeps the project's label set under. */
const LABEL_SET_KEY = 'labelSet';

/**
 * Writes many changes (one per image), their audit entries, the images' summaries and any new labels in ONE
 * transaction (as applyChange does for one change): all of it
 * or none of it. The entries must chain one after another from the log's last entry (appendEntry in order);
 * if another writer took a seq meanwhile, the whole transaction aborts and nothing is written.
 */
export async function applyChanges(db: WorkbenchDb, changes: readonly Change[], entries: readonly AuditEntry[], newLabels: Iterable<string> = []): Promise<void> {
  if (changes.length !== entries.length) throw new Error(`${changes.length} changes but ${entries.length} audit entries`);
  changes.forEach((change, i) => {
    const entry = entries[i]!;
    if (entry.imageSha256 !== change.imageSha256 || entry.action !== change.action) throw new Error(`audit entry ${entry.seq} does not record change ${i + 1}`);
    if (i > 0 && (entry.seq !== entries[i - 1]!.seq + 1 || entry.prevHash !== entries[i - 1]!.hash)) throw new Error(`audit entry ${entry.seq} does not follow entry ${entries[i - 1]!.seq}`);
  });
  const summaries: ImageSummary[] = [];
  try {
    const tx = db.transaction(['annotations', 'audit', 'imageSummaries', 'settings'], 'readwrite');
    await writeAll(tx, (add) => {
      const annotations = tx.objectStore('annotations');
      const audit = tx.objectStore('audit');
      for (const [i, change] of changes.entries()) {
        const kept = new Set(change.after.map((a) => a.id));
        for (const a of change.before) if (!kept.has(a.id)) add(annotations.delete(a.id));
        for (const a of change.after) add(annotations.put(a));
        add(audit.add(entries[i]!));
        // Requests run in order, so this reads the image's annotations with the change applied.
        add(
          annotations
            .index('byImage')
            .getAll(change.imageSha256)
            .then((list) => tx.objectStore('imageSummaries').put((summaries[i] = summarize(change.imageSha256, list)))),
        );
      }
      const settings = tx.objectStore('settings');
      if (entries.length) add(settings.put(headAfter(entries.at(-1)!), AUDIT_HEAD_KEY));
      const labels = [...newLabels];
      if (labels.length) {
        add(
          settings.get(LABEL_SET_KEY).then((current) => {
            const set = (current as LabelSet | undefined) ?? [];
            const next = withLabels(set, labels);
            return next === set ? undefined : settings.put(next, LABEL_SET_KEY);
          }),
        );
      }
    });
  } catch (error) {
    throw explainStorageError(error, `the import of ${changes.length} images' annotations`);
  }
  announceWritten(changes.map((change, i) => ({ database: db.name, change, entry: entries[i]!, summary: summaries[i]! })));
}
