// Analysts' signing keys, kept in a small database of their own (a key belongs to a person in this browser, not to a
// project): the private key as a non-extractable CryptoKey, which IndexedDB stores without ever exposing its bytes.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { PublicSigningKey } from '../domain/audit-signature';
import type { WorkbenchDb } from './db';
import { explainStorageError } from './errors';

export const KEYS_DB_NAME = 'recognition-workbench-keys';
/** Settings key of a project's list of public keys that signed its entries. */
const PROJECT_KEYS = 'signingKeys';

export interface StoredSigningKey {
  analyst: string;
  privateKey: CryptoKey;
  publicKey: PublicSigningKey;
}

interface KeysSchema extends DBSchema {
  keys: { key: string; value: StoredSigningKey };
}

let opened: Promise<IDBPDatabase<KeysSchema>> | undefined;
const keysDb = () => (opened ??= openDB<KeysSchema>(KEYS_DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('keys', { keyPath: 'analyst' }) }));

export async function readSigningKey(analyst: string): Promise<StoredSigningKey | undefined> {
  return (await keysDb()).get('keys', analyst);
}

export async function saveSigningKey(key: StoredSigningKey): Promise<void> {
  try {
    await (await keysDb()).put('keys', key);
  } catch (error) {
    throw explainStorageError(error, `the signing key of ${key.analyst}`);
  }
}

/** The public keys that signed a project's entries (they travel in its backups). */
export async function projectSigningKeys(db: WorkbenchDb): Promise<PublicSigningKey[]> {
  const value = await db.get('settings', PROJECT_KEYS);
  return Array.isArray(value) ? (value as PublicSigningKey[]) : [];
}

export async function addProjectSigningKey(db: WorkbenchDb, key: PublicSigningKey): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  const keys = ((await tx.store.get(PROJECT_KEYS)) as PublicSigningKey[] | undefined) ?? [];
  if (!keys.some((k) => k.keyId === key.keyId)) await tx.store.put([...keys, key], PROJECT_KEYS);
  await tx.done;
}

export async function saveProjectSigningKeys(db: WorkbenchDb, keys: readonly PublicSigningKey[]): Promise<void> {
  await db.put('settings', [...keys], PROJECT_KEYS);
}
