import { isDeviceSetting, type SettingKey } from '../domain/settings';
import type { WorkbenchDb } from './db';
import { readDeviceSetting, writeDeviceSetting } from './device-settings';
import { explainStorageError } from './errors';

/**
 * A setting by its key (domain/settings.ts lists them all): a device setting from this browser's own store, a
 * project setting from `db`, the open project's database.
 */
export async function readSetting<T>(db: WorkbenchDb, key: SettingKey, fallback: T): Promise<T> {
  if (isDeviceSetting(key)) return readDeviceSetting(key, fallback, db);
  return ((await db.get('settings', key)) as T | undefined) ?? fallback;
}

export async function writeSetting(db: WorkbenchDb, key: SettingKey, value: unknown): Promise<void> {
  if (isDeviceSetting(key)) return writeDeviceSetting(key, value);
  try {
    await db.put('settings', value, key);
  } catch (error) {
    throw explainStorageError(error, `the setting “${key}”`);
  }
}
