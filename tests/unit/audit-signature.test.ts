import { describe, expect, it } from 'vitest';
import { applyToList, type Annotation, type RecordedAction } from '../../src/domain/annotation';
import { type AuditEntry, appendEntry, verifyChain } from '../../src/domain/audit';
import { newSigningKey, signEntry, verifySignatures } from '../../src/domain/audit-signature';
import { readBundle, writeBundle } from '../../src/domain/backup';
import { bytesSource } from '../../src/domain/dataset/safe-zip';
import { SCHEMA_VERSION } from '../../src/storage/db';
import { changeSeries, IMAGE } from '../helpers/annotations';

/** A real session's entries, each signed by ana's key as the app signs them. */
async function signedSession() {
  const ana = await newSigningKey('human:ana', 't');
  const changes = changeSeries();
  const entries: AuditEntry[] = [];
  for (const change of changes) entries.push(await signEntry(await appendEntry(entries.at(-1), change), ana.privateKey, ana.publicKey.keyId));
  return { ana, changes, entries };
}

/** A forger's rewrite: one entry changed and every hash after it recomputed, so the chain verifies again. */
async function rehashedFrom(entries: AuditEntry[], at: number, change: (e: AuditEntry) => AuditEntry): Promise<AuditEntry[]> {
  const out: AuditEntry[] = entries.slice(0, at);
  for (const entry of entries.slice(at)) {
    const edited = out.length === at ? change(entry) : entry;
    const { hash: _hash, signature, ...rest } = edited;
    const again = await appendEntry(out.at(-1), { ...rest, before: rest.before, after: rest.after, imageSha256: rest.imageSha256, action: rest.action as RecordedAction, actor: rest.actor, at: rest.at });
    out.push({ ...again, ...(signature ? { signature } : {}) });
  }
  return out;
}

describe('signed audit entries', () => {
  it('a session signed with a non-extractable key verifies, naming the key', async () => {
    const { ana, entries } = await signedSession();
    await expect(crypto.subtle.exportKey('pkcs8', ana.privateKey)).rejects.toThrow();
    expect(ana.privateKey.extractable).toBe(false);
    expect(await verifySignatures(entries, [ana.publicKey])).toEqual({ ok: true, signed: entries.length, keys: [ana.publicKey] });
  });

  it('a log rewritten and re-hashed verifies as a chain, but not its signatures', async () => {
    const { ana, entries } = await signedSession();
    const forged = await rehashedFrom(entries, 2, (e) => ({ ...e, after: e.after.map((a) => ({ ...a, label: 'horse' })) }));
    expect((await verifyChain(forged)).ok).toBe(true);
    const check = await verifySignatures(forged, [ana.publicKey]);
    expect(check).toMatchObject({ ok: false, seq: 3 });
    expect(!check.ok && check.reason).toMatch(/^its signature \(key [0-9a-f]{16}, human:ana\) does not verify/);
  });

  it('a removed signature, an unknown key and a key listed under another id are named', async () => {
    const { ana, entries } = await signedSession();
    const stripped = entries.map((e, i) => (i === 3 ? { ...e, signature: undefined } : e));
    expect(await verifySignatures(stripped, [ana.publicKey])).toMatchObject({ ok: false, seq: 4, reason: 'not signed, though human:ana signs their entries: a signature was removed' });
    const other = await newSigningKey('human:bob', 't');
    expect(await verifySignatures(entries, [other.publicKey])).toMatchObject({ ok: false, seq: 1, reason: expect.stringContaining('not among the project\'s public keys') });
    expect(await verifySignatures(entries, [{ ...ana.publicKey, spki: other.publicKey.spki }])).toMatchObject({ ok: false, seq: 0 });
  });

  it('a backup carries the public keys; a rewritten, re-hashed and re-listed log is refused by its signatures', async () => {
    const { ana, changes, entries } = await signedSession();
    const annotations = changes.reduce<Annotation[]>((list, change) => applyToList(list, change), []);
    const contents = { images: [{ sha256: IMAGE, fileName: 'a.png', type: 'image/png', width: 100, height: 80, bytes: 1, importedAt: 't' }], annotations, predictions: [], labels: [], blobs: new Map(), thumbnails: new Map(), previews: new Map(), keys: [ana.publicKey] };
    const meta = { projectName: 'Signed', schemaVersion: SCHEMA_VERSION, created: 't' };
    const { data } = await readBundle(bytesSource(await writeBundle({ ...contents, audit: entries }, meta)), SCHEMA_VERSION);
    expect(data.keys).toEqual([ana.publicKey]);
    // The forger also makes annotations.json and the manifest agree with the rewritten log: only the signature can tell.
    const forged = await rehashedFrom(entries, 2, (e) => ({ ...e, at: '2026-03-01T11:11:11.000Z' }));
    const error = await readBundle(bytesSource(await writeBundle({ ...contents, audit: forged }, meta)), SCHEMA_VERSION, 'signed.zip').catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^audit\.json: entry 3: its signature \(key [0-9a-f]{16}, human:ana\) does not verify/);
  });
});
