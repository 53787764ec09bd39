import type { PredictionRecord } from '../domain/prediction';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export function getPrediction(db: WorkbenchDb, key: string): Promise<PredictionRecord | undefined> {
  return db.get('predictions', key);
}

export async function putPrediction(db: WorkbenchDb, record: PredictionRecord): Promise<void> {
  try {
    await db.put('predictions', record);
  } catch (error) {
    throw explainStorageError(error, `the result for ${record.imageSha256.slice(0, 12)}…`);
  }
}

/** Several results in one transaction. */
export async function putPredictions(db: WorkbenchDb, records: readonly PredictionRecord[]): Promise<void> {
  try {
    const tx = db.transaction('predictions', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  } catch (error) {
    throw explainStorageError(error, `${records.length} results`);
  }
}

/** All cached results of one run setting (model, weights, parameters), keyed by image hash. */
export async function predictionsForRun(db: WorkbenchDb, runKey: string): Promise<Map<string, PredictionRecord>> {
  const records = await db.getAllFromIndex('predictions', 'byRun', runKey);
  return new Map(records.map((p) => [p.imageSha256, p]));
}

/** A run setting with results in the project: one of its records (for the model and parameters) and how many images it covers. */
export interface StoredRun {
  runKey: string;
  sample: PredictionRecord;
  images: number;
}

/** Every run setting the project has cached results of (one pass over the run index, one record read per run). */
export async function listRuns(db: WorkbenchDb): Promise<StoredRun[]> {
  const runs: StoredRun[] = [];
  const index = db.transaction('predictions').store.index('byRun');
  for (let cursor = await index.openCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) {
    runs.push({ runKey: cursor.key, sample: cursor.value, images: 0 });
  }
  for (const run of runs) run.images = await db.countFromIndex('predictions', 'byRun', run.runKey);
  return runs;
}
