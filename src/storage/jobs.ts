import type { BatchJob } from '../domain/batch';
import type { PredictionRecord } from '../domain/prediction';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export async function saveJob(db: WorkbenchDb, job: BatchJob): Promise<void> {
  try {
    await db.put('jobs', job);
  } catch (error) {
    throw explainStorageError(error, 'the batch progress');
  }
}

export function loadJob(db: WorkbenchDb, id: string): Promise<BatchJob | undefined> {
  return db.get('jobs', id);
}

/** Jobs a reload should pick up again: running ones resume, paused ones wait for the user. */
export async function unfinishedJobs(db: WorkbenchDb): Promise<BatchJob[]> {
  const [running, paused] = await Promise.all([
    db.getAllFromIndex('jobs', 'byStatus', 'running'),
    db.getAllFromIndex('jobs', 'byStatus', 'paused'),
  ]);
  return [...running, ...paused].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * A batch's progress and the results it now counts, in one transaction: after a reload both are there or neither.
 * A tiled image's checkpoint goes with its result.
 */
export async function commitJobStep(db: WorkbenchDb, job: BatchJob, results: readonly PredictionRecord[]): Promise<void> {
  try {
    const tx = db.transaction(['jobs', 'predictions', 'tileCheckpoints'], 'readwrite');
    await Promise.all([
      ...results.flatMap((record) => [tx.objectStore('predictions').put(record), tx.objectStore('tileCheckpoints').delete(record.key)]),
      tx.objectStore('jobs').put(job),
      tx.done,
    ]);
  } catch (error) {
    throw explainStorageError(error, 'the batch progress');
  }
}
