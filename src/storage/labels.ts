import { type LabelSet, withLabels } from '../domain/labels';
import type { WorkbenchDb } from './db';

const KEY = 'labelSet';

export async function readLabelSet(db: WorkbenchDb): Promise<LabelSet> {
  return ((await db.get('settings', KEY)) as LabelSet | undefined) ?? [];
}

/** Adds names the set lacks (one transaction, so two tabs adding at once do not drop each other's label). */
export async function addLabels(db: WorkbenchDb, names: Iterable<string>): Promise<LabelSet> {
  const tx = db.transaction('settings', 'readwrite');
  const current = ((await tx.store.get(KEY)) as LabelSet | undefined) ?? [];
  const next = withLabels(current, names);
  if (next !== current) await tx.store.put(next, KEY);
  await tx.done;
  return next;
}

export async function saveLabelSet(db: WorkbenchDb, labels: LabelSet): Promise<void> {
  await db.put('settings', labels, KEY);
}
