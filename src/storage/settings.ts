import type { WorkbenchDb } from './db';

export async function readSetting<T>(db: WorkbenchDb, key: string, fallback: T): Promise<T> {
  return ((await db.get('settings', key)) as T | undefined) ?? fallback;
}

export async function writeSetting(db: WorkbenchDb, key: string, value: unknown): Promise<void> {
  await db.put('settings', value, key);
}
