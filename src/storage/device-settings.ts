// Settings of this browser, for every project alike (settingScope 'device'), in a small database of their own.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { DeviceSettingKey } from '../domain/settings';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export const DEVICE_DB_NAME = 'recognition-workbench-device';

interface DeviceSchema extends DBSchema {
  settings: { key: string; value: unknown };
}

let opened: Promise<IDBPDatabase<DeviceSchema>> | undefined;

function deviceDb(): Promise<IDBPDatabase<DeviceSchema>> {
  opened ??= openDB<DeviceSchema>(DEVICE_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('settings');
    },
    blocking(_current, _wanted, event) {
      // A newer version in another tab upgrades it: let go; the next read opens it again.
      (event.target as IDBDatabase).close();
      opened = undefined;
    },
  });
  return opened;
}

/**
 * A device setting; where this browser has none yet, the value a project kept before settings had scopes (read from
 * `project`, the open project's database) is taken over once, so nobody chooses their backend or name again.
 */
export async function readDeviceSetting<T>(key: DeviceSettingKey, fallback: T, project?: WorkbenchDb): Promise<T> {
  const db = await deviceDb();
  const stored = await db.get('settings', key);
  if (stored !== undefined) return stored as T;
  const legacy = project && (await project.get('settings', key));
  if (legacy === undefined) return fallback;
  await db.put('settings', legacy, key).catch(() => undefined); // taken over next time, if storage refuses it now
  return legacy as T;
}

export async function writeDeviceSetting(key: DeviceSettingKey, value: unknown): Promise<void> {
  try {
    await (await deviceDb()).put('settings', value, key);
  } catch (error) {
    throw explainStorageError(error, `the setting “${key}”`);
  }
}
