// The state layer's commands, against fake-indexeddb: each is a plain function of its inputs, so the tests give it a
// database, an analyst and a signer, and read back what it stored.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/annotation';
import type { AuditEntry } from '../../src/domain/audit';
import { verifyAnnotations } from '../../src/domain/audit-replay';
import type { ImageRecord } from '../../src/domain/image';
import type { PredictionRecord } from '../../src/domain/prediction';
import { allAnnotations, annotationsOf, auditLog, listImages, listSummaries, openWorkbenchDb, readAuditHead, readLabelSet, StorageFullError, type WorkbenchDb } from '../../src/storage';
import { sha256Hex } from '../../src/domain/hash';
import { importAnnotations } from '../../src/state/commands/import-annotations';
import { importImages } from '../../src/state/commands/import-images';
import { removeImages } from '../../src/state/commands/remove-images';
import { saveChange } from '../../src/state/commands/save-change';
import { planReviewMany } from '../../src/state/commands/review-many';
import { setReviewStatus } from '../../src/state/commands/set-review-status';
import { on } from '../../src/state/project-context';
import { signedEntry } from '../../src/state/signing';
import { detection, edit, idFactory, MODEL, T0 } from '../helpers/annotations';
import { suggestionsFromDetections } from '../../src/domain/annotation-ops';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const unsigned = async (_db: WorkbenchDb, entry: AuditEntry) => entry;

let counter = 0;
const opened: WorkbenchDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const record = (sha256: string, fileName: string): ImageRecord => ({ sha256, fileName, type: 'image/png', width: 100, height: 80, bytes: 1234, importedAt: T0 });

/** A project holding images A, B and C, each with its bytes and a cached result; A and B with suggestions. */
async function project(): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(`state-commands-${process.pid}-${++counter}`);
  opened.push(db);
  for (const [sha, name] of [[A, 'a.png'], [B, 'b.png'], [C, 'c.png']] as const) {
    await db.put('images', record(sha, name));
    await db.put('blobs', new Blob([sha]), sha);
    const prediction = { key: `${sha}|run-1`, imageSha256: sha, runKey: 'run-1' } as unknown as PredictionRecord;
    await db.put('predictions', prediction);
  }
  for (const sha of [A, B]) {
    const suggested = suggestionsFromDetections([detection('dog', 0.9), detection('cat', 0.6, 50, 40)], sha, MODEL, T0, idFactory(sha.slice(0, 1)));
    await saveChange({ db, change: suggested.change, analyst: 'human:ana', sign: unsigned });
  }
  return db;
}

async function projectIsConsistent(db: WorkbenchDb): Promise<boolean> {
  return (await verifyAnnotations(await auditLog(db), await allAnnotations(db), await readAuditHead(db))).ok;
}

describe('removeImages', () => {
  it('removes the images with their annotations (audited, by the analyst), bytes and results', async () => {
    const db = await project();
    const removed: string[] = [];
    await removeImages({ db, sha256s: [A, C], actor: 'human:bo', sign: signedEntry, onRemoved: (sha) => removed.push(sha) });

    expect(removed).toEqual([A, C]);
    expect((await listImages(db)).map((i) => i.fileName)).toEqual(['b.png']);
    expect(await annotationsOf(db, A)).toEqual([]);
    expect(await annotationsOf(db, B)).toHaveLength(2);
    expect(await db.count('blobs')).toBe(1);
    expect(await db.getAllKeys('predictions')).toEqual([`${B}|run-1`]);
    expect([...(await listSummaries(db)).keys()]).toEqual([B]);
    const last = (await auditLog(db)).at(-1)!;
    expect([last.action, last.imageSha256, last.actor, last.signature?.keyId.length]).toEqual(['remove', A, 'human:bo', 16]);
    expect(await projectIsConsistent(db)).toBe(true);
  });

  it('stops at the first failure: what was removed stays removed, the rest stays whole', async () => {
    const db = await project();
    const removed: string[] = [];
    let signed = 0;
    const failOnSecond = async (d: WorkbenchDb, entry: AuditEntry) => {
      if (++signed === 2) throw new Error('the signing key is locked');
      return entry;
    };
    await expect(removeImages({ db, sha256s: [A, B, C], actor: 'human:bo', sign: failOnSecond, onRemoved: (sha) => removed.push(sha) })).rejects.toThrow('the signing key is locked');

    expect(removed).toEqual([A]);
    expect((await listImages(db)).map((i) => i.fileName).sort()).toEqual(['b.png', 'c.png']);
    expect(await annotationsOf(db, B)).toHaveLength(2);
    expect(await projectIsConsistent(db)).toBe(true);
  });
});

describe('setReviewStatus', () => {
  it('writes the status of the images that lack it, and returns only those', async () => {
    const db = await project();
    const done = { ...record(B, 'b.png'), review: 'reviewed' as const };
    await db.put('images', done);
    const changed = await setReviewStatus({ db, images: [record(A, 'a.png'), done], review: 'reviewed' });

    expect(changed.map((r) => r.fileName)).toEqual(['a.png']);
    expect((await listImages(db)).map((i) => `${i.fileName} ${i.review ?? 'unreviewed'}`).sort()).toEqual(['a.png reviewed', 'b.png reviewed', 'c.png unreviewed']);
  });
});

describe('planReviewMany', () => {
  /** A cached detector result for image C, which has no annotations yet. */
  const resultForC = { key: `${C}|run-1`, runKey: 'run-1', imageSha256: C, modelId: MODEL.id, modelVersion: MODEL.version, detections: [detection('horse', 0.8), detection('bird', 0.3, 40, 40)] } as unknown as PredictionRecord;
  const save = async (db: WorkbenchDb, changes: readonly Change[]) => {
    for (const change of changes) await saveChange({ db, change, analyst: 'human:ana', sign: unsigned });
  };
  const statuses = async (db: WorkbenchDb, sha: string) => (await annotationsOf(db, sha)).map((a) => `${a.label} ${a.status}`).sort();

  it('accepts the suggestions at or above the threshold, suggesting the model’s boxes first where there were none', async () => {
    const db = await project();
    const plan = await planReviewMany({ db, images: [A, C], what: 'accept', threshold: 0.5, resultOf: (sha) => (sha === C ? resultForC : undefined), openAnnotations: () => undefined, edit: edit(), ids: idFactory('bulk') });

    expect(plan.suggestions.map((c) => `${c.imageSha256.slice(0, 1)} ${c.after.map((a) => a.label).join(',')}`)).toEqual(['c horse']);
    expect(plan.decisions.map((c) => `${c.imageSha256.slice(0, 1)} ${c.action} ${c.actor}`)).toEqual(['a accept-all human:ana', 'c accept-all human:ana']);
    await save(db, plan.suggestions);
    await save(db, plan.decisions);
    expect(await statuses(db, A)).toEqual(['cat accepted', 'dog accepted']);
    expect(await statuses(db, C)).toEqual(['horse accepted']);
    expect(await projectIsConsistent(db)).toBe(true);
  });

  it('rejects what is still open, works on the open image’s annotations in memory, and leaves unchanged images out', async () => {
    const db = await project();
    const inMemory = (await annotationsOf(db, B)).map((a) => (a.label === 'dog' ? { ...a, status: 'accepted' as const } : a));
    await save(db, [(await planReviewMany({ db, images: [A], what: 'reject', threshold: 0.5, resultOf: () => undefined, openAnnotations: () => undefined, edit: edit(), ids: idFactory('r') })).decisions[0]!]);

    const plan = await planReviewMany({ db, images: [A, B, C], what: 'reject', threshold: 0.5, resultOf: () => undefined, openAnnotations: (sha) => (sha === B ? inMemory : undefined), edit: edit(), ids: idFactory('bulk') });
    expect(plan.suggestions).toEqual([]);
    expect(plan.decisions.map((c) => `${c.imageSha256.slice(0, 1)} ${c.after.map((a) => `${a.label} ${a.status}`).join(',')}`)).toEqual(['b cat rejected']);
  });
});

describe('importAnnotations', () => {
  const imported = (sha: string, label: string) => {
    const ids = idFactory(`import-${sha.slice(0, 1)}`);
    const { change } = suggestionsFromDetections([detection(label, 1)], sha, MODEL, T0, ids);
    return { ...change, action: 'create' as const, actor: 'human:ana' as const, after: change.after.map((a) => ({ ...a, status: 'accepted' as const })) };
  };

  it('writes every image’s annotations, one chained entry each, and the new labels, then tells the project context', async () => {
    const db = await project();
    const heard: string[] = [];
    const stop = on('change-committed', ({ written, origin }) => {
      heard.push(`${origin} ${written.change.action} ${written.summary.imageSha256.slice(0, 1)}`);
    });
    await importAnnotations({ db, changes: [imported(C, 'heron'), imported(A, 'dog')], newLabels: ['heron'], analyst: 'human:ana', sign: signedEntry });
    stop();

    expect((await annotationsOf(db, C)).map((a) => `${a.label} ${a.status}`)).toEqual(['heron accepted']);
    expect((await auditLog(db)).slice(-2).map((e) => `${e.action} ${e.imageSha256.slice(0, 1)}`)).toEqual(['create c', 'create a']);
    expect(await readLabelSet(db)).toContain('heron');
    expect(heard).toEqual(['this-tab create c', 'this-tab create a']);
    expect(await projectIsConsistent(db)).toBe(true);
  });

  it('chains again when another writer took the next entry meanwhile', async () => {
    const db = await project();
    let first = true;
    // An edit saved while the import's entries are being made: the import's first chain is stale.
    const signAfterAnEdit = async (d: WorkbenchDb, entry: AuditEntry) => {
      if (first) {
        first = false;
        const edit = suggestionsFromDetections([detection('owl', 0.8)], C, MODEL, T0, idFactory('edit'));
        await saveChange({ db: d, change: edit.change, analyst: 'human:bo', sign: unsigned });
      }
      return entry;
    };
    await importAnnotations({ db, changes: [imported(B, 'dog')], newLabels: [], analyst: 'human:ana', sign: signAfterAnEdit });

    expect((await auditLog(db)).slice(-2).map((e) => `${e.action} ${e.imageSha256.slice(0, 1)}`)).toEqual(['suggest c', 'create b']);
    expect(await projectIsConsistent(db)).toBe(true);
  });
});

describe('importImages', () => {
  const file = (name: string, text: string) => new File([text], name, { type: 'image/png' });
  async function hashesOf(f: File) {
    return { sha256: await sha256Hex(await f.arrayBuffer()), md5: 'm'.repeat(32), sha1: 's'.repeat(40) };
  }
  const prepare = async (f: File, hashes: { sha256: string }) => ({
    stored: { record: record(hashes.sha256, f.name), blob: f, thumbnail: new Blob(['thumb']) },
    ...(f.name.startsWith('nogeo') ? { warning: 'imported without georeference: no .prj' } : {}),
  });
  class Stopped extends Error {}
  const base = (db: WorkbenchDb, files: File[]) => ({
    db,
    files,
    known: new Set<string>(),
    hash: hashesOf,
    prepare,
    checkRoom: async () => undefined,
    cancelled: () => false,
    stoppedByPerson: (error: unknown) => error instanceof Stopped,
  });

  it('stores new files, counts copies (in the project and within the import) as duplicates, and notes warnings by name', async () => {
    const db = await project();
    const again = await hashesOf(file('one.png', 'one'));
    await db.put('images', record(again.sha256, 'one.png'));
    await db.put('blobs', new Blob(['one']), again.sha256);
    const shown: string[] = [];
    const done: number[] = [];
    const files = [file('one-copy.png', 'one'), file('two.png', 'two'), file('nogeo.png', 'three'), file('two-again.png', 'two')];
    const outcome = await importImages({ ...base(db, files), known: new Set([again.sha256]), onAdded: (r, isNew) => shown.push(`${r.fileName} ${isNew}`), onFileDone: (i) => done.push(i) });

    expect(outcome.summary).toEqual({ added: 2, duplicates: 2, failed: 0 });
    expect(shown).toEqual(['two.png true', 'nogeo.png true']);
    expect(done).toEqual([0, 1, 2, 3]);
    expect(outcome.problems).toEqual([{ file: 'nogeo.png', reason: 'imported without georeference: no .prj', imported: true }]);
    expect((await listImages(db)).map((i) => i.fileName).sort()).toEqual(['a.png', 'b.png', 'c.png', 'nogeo.png', 'one.png', 'two.png']);
  });

  it('reports a failing file by name and goes on; a full storage stops the import and says how many were left', async () => {
    const db = await project();
    const files = [file('broken.png', 'x'), file('ok.png', 'ok'), file('huge.png', 'huge'), file('never.png', 'never')];
    const outcome = await importImages({
      ...base(db, files),
      prepare: async (f, hashes) => {
        if (f.name === 'broken.png') throw new Error('not a PNG: bad signature at byte 0');
        return prepare(f, hashes);
      },
      checkRoom: async (bytes) => {
        if (bytes === 4) throw new StorageFullError('browser storage is full');
      },
    });

    expect(outcome.summary).toEqual({ added: 1, duplicates: 0, failed: 2 });
    expect(outcome.problems).toEqual([
      { file: 'broken.png', reason: 'not a PNG: bad signature at byte 0' },
      { file: 'huge.png', reason: 'browser storage is full' },
      { file: '(import stopped)', reason: '1 files were not imported' },
    ]);
    expect(outcome.added.map((r) => r.fileName)).toEqual(['ok.png']);
  });

  it('counts a file a person skipped, and on cancel the files left', async () => {
    const db = await project();
    let cancel = false;
    const files = [file('skipped.png', '1'), file('kept.png', '2'), file('cancelled-while-read.png', '3'), file('left.png', '4')];
    const outcome = await importImages({
      ...base(db, files),
      hash: async (f, index) => {
        if (index === 0) throw new Stopped('skip');
        if (index === 2) {
          cancel = true;
          throw new Stopped('cancel');
        }
        return hashesOf(f);
      },
      cancelled: () => cancel,
    });

    expect(outcome.summary).toEqual({ added: 1, duplicates: 0, failed: 0, skipped: 1, cancelled: 2 });
    expect(outcome.problems).toEqual([]);
  });
});
