import type { AuditEntry } from '../domain/audit';
import { newSigningKey, signEntry } from '../domain/audit-signature';
import { addProjectSigningKey, readSigningKey, saveSigningKey, type StoredSigningKey, type WorkbenchDb } from '../storage';

/** Each analyst's key, read or made once per page. */
const keys = new Map<string, Promise<StoredSigningKey>>();
/** Projects (by database name) whose key list already holds the analyst's public key. */
const registered = new Set<string>();

function keyOf(analyst: string): Promise<StoredSigningKey> {
  let key = keys.get(analyst);
  if (!key) {
    key = (async () => {
      const stored = await readSigningKey(analyst);
      if (stored) return stored;
      const made = await newSigningKey(analyst, new Date().toISOString());
      const record = { analyst, ...made };
      await saveSigningKey(record);
      return record;
    })();
    keys.set(analyst, key);
    key.catch(() => keys.delete(analyst));
  }
  return key;
}

/** Reads (or makes) the analyst's key ahead of the first change, so that change is not kept waiting. */
export function warmSigningKey(analyst: string): void {
  keyOf(analyst).catch(() => undefined);
}

/**
 * The entry signed with the analyst's key (made on first use, kept in this browser, never exportable), its public
 * key listed in the project. Where the browser cannot sign (no WebCrypto, storage refused the key) the entry goes
 * unsigned: the log still chains, and a check says which entries are not signed.
 */
export async function signedEntry(db: WorkbenchDb, entry: AuditEntry, analyst: string): Promise<AuditEntry> {
  try {
    const key = await keyOf(analyst);
    const project = `${db.name}|${key.publicKey.keyId}`;
    if (!registered.has(project)) {
      await addProjectSigningKey(db, key.publicKey);
      registered.add(project);
    }
    return await signEntry(entry, key.privateKey, key.publicKey.keyId);
  } catch (error) {
    console.warn('audit entry not signed:', error);
    return entry;
  }
}
