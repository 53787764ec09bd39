// Signed audit entries: each analyst's browser holds an ECDSA P-256 key whose private half it cannot export; every
// entry it writes carries a signature over the entry's hash. The hash chain shows an entry was changed; the
// signature shows who wrote it, and a forger who rewrites and re-hashes the whole log cannot sign it again.
import type { AuditEntry } from './audit';
import { sha256Hex } from './hash';

export interface AuditSignature {
  /** The signing key: the first 16 hex digits of the SHA-256 of its public key (SPKI). */
  keyId: string;
  /** ECDSA P-256 with SHA-256 over the entry's hash (its 64 hex characters), base64 (IEEE P1363, 64 bytes). */
  value: string;
}

/** A public key as projects and backups carry it. */
export interface PublicSigningKey {
  keyId: string;
  /** The analyst the key belongs to (human:<name>). */
  analyst: string;
  /** SPKI, base64. */
  spki: string;
  createdAt: string;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export const keyIdOf = async (spki: Uint8Array): Promise<string> => (await sha256Hex(spki)).slice(0, 16);

/** A new key pair whose private key cannot leave the browser (extractable false), and its public record. */
export async function newSigningKey(analyst: string, at: string): Promise<{ privateKey: CryptoKey; publicKey: PublicSigningKey }> {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey: { keyId: await keyIdOf(spki), analyst, spki: toBase64(spki), createdAt: at } };
}

export async function signEntry<T extends AuditEntry>(entry: T, privateKey: CryptoKey, keyId: string): Promise<T> {
  const value = new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, new TextEncoder().encode(entry.hash)));
  return { ...entry, signature: { keyId, value: toBase64(value) } };
}

export type SignatureCheck =
  | { ok: true; signed: number; keys: PublicSigningKey[] }
  | { ok: false; seq: number; reason: string };

/**
 * Checks every signed entry against the public keys (a key must be listed, its key id its own, the signature
 * valid), and that an analyst who signs left no unsigned entry after their first signed one (a signature cannot
 * be stripped unnoticed). Entries from before any signing verify as unsigned.
 */
export async function verifySignatures(entries: readonly AuditEntry[], keys: readonly PublicSigningKey[]): Promise<SignatureCheck> {
  const imported = new Map<string, { key: CryptoKey; record: PublicSigningKey }>();
  for (const record of keys) {
    const spki = fromBase64(record.spki);
    if ((await keyIdOf(spki)) !== record.keyId) return { ok: false, seq: 0, reason: `the public key listed as ${record.keyId} is another key` };
    imported.set(record.keyId, { key: await crypto.subtle.importKey('spki', spki, ECDSA, false, ['verify']), record });
  }
  const signing = new Set<string>();
  const used = new Map<string, PublicSigningKey>();
  let signed = 0;
  for (const entry of entries) {
    const signature = entry.signature;
    if (!signature) {
      if (signing.has(entry.actor)) return { ok: false, seq: entry.seq, reason: `not signed, though ${entry.actor} signs their entries: a signature was removed` };
      continue;
    }
    const known = imported.get(signature.keyId);
    if (!known) return { ok: false, seq: entry.seq, reason: `signed with key ${signature.keyId}, which is not among the project's public keys` };
    // A signature that is not even base64, or of the wrong length, is as invalid as a wrong one.
    const valid = await Promise.resolve()
      .then(() => crypto.subtle.verify(SIGN, known.key, fromBase64(signature.value), new TextEncoder().encode(entry.hash)))
      .catch(() => false);
    if (!valid) return { ok: false, seq: entry.seq, reason: `its signature (key ${signature.keyId}, ${known.record.analyst}) does not verify: the entry or the signature was altered` };
    if (entry.actor.startsWith('human:')) signing.add(entry.actor);
    used.set(signature.keyId, known.record);
    signed++;
  }
  return { ok: true, signed, keys: [...used.values()] };
}
