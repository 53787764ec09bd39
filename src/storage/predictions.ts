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

/** All cached results of one run setting (model, weights, parameters), keyed by image hash. */
export async function predictionsForRun(db: WorkbenchDb, runKey: string): Promise<Map<string, PredictionRecord>> {
  const records = await db.getAllFromIndex('predictions', 'byRun', runKey);
  return new Map(records.map((p) => [p.imageSha256, p]));
}
