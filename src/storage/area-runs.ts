import type { AreaRun } from '../domain/area-run';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export async function saveAreaRun(db: WorkbenchDb, run: AreaRun): Promise<void> {
  try {
    await db.put('areaRuns', run);
  } catch (error) {
    throw explainStorageError(error, 'the area run');
  }
}

export function loadAreaRun(db: WorkbenchDb, key: string): Promise<AreaRun | undefined> {
  return db.get('areaRuns', key);
}

/** Every area's run under one run key (model, weights, parameters). */
export function areaRunsFor(db: WorkbenchDb, runKey: string): Promise<AreaRun[]> {
  return db.getAllFromIndex('areaRuns', 'byRun', runKey);
}

/** Runs a reload should pick up: running ones continue, paused ones wait for the user. */
export async function unfinishedAreaRuns(db: WorkbenchDb): Promise<AreaRun[]> {
  const [running, paused] = await Promise.all([db.getAllFromIndex('areaRuns', 'byStatus', 'running'), db.getAllFromIndex('areaRuns', 'byStatus', 'paused')]);
  return [...running, ...paused].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
