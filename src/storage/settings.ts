import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export async function readSetting<T>(db: WorkbenchDb, key: string, fallback: T): Promise<T> {
  return ((await db.get('settings', key)) as T | undefined) ?? fallback;
}

export async function writeSetting(db: WorkbenchDb, key: string, value: unknown): Promise<void> {
  try {
    await db.put('settings', value, key);
  } catch (error) {
    throw explainStorageError(error, `the setting “${key}”`);
  }
}
