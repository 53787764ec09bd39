import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createBox, relabel } from '../../src/domain/annotation-ops';
import { appendEntry, verifyChain } from '../../src/domain/audit';
import { annotationsOf, applyChange, auditLog, lastAuditEntry, openWorkbenchDb, StorageFullError, type WorkbenchDb } from '../../src/storage';
import { auditSeries, changeSeries, edit, IMAGE, idFactory, ok, SIZE } from '../helpers/annotations';

let counter = 0;
const opened: WorkbenchDb[] = [];
async function freshDb(name = `annotations-test-${process.pid}-${++counter}`): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Applies every change of the series with its audit entry, as the editor would. */
async function applySeries(db: WorkbenchDb) {
  const changes = changeSeries();
  const entries = await auditSeries(changes);
  for (const [i, change] of changes.entries()) await applyChange(db, change, entries[i]!);
  return entries;
}

describe('annotation storage', () => {
  it('persists a series of changes and reads back the final annotations and a chain that verifies', async () => {
    const db = await freshDb();
    const entries = await applySeries(db);
    expect((await annotationsOf(db, IMAGE)).map((a) => [a.id, a.label, a.status])).toEqual([
      ['id-1', 'dog', 'accepted'],
      ['id-4', 'fox', 'suggested'], // accept-all was undone
      ['id-2', 'cat', 'edited'],
      ['id-3', 'sparrow', 'edited'],
    ]);
    const log = await auditLog(db);
    expect(log).toEqual(entries);
    expect(await verifyChain(log)).toEqual({ ok: true });
    expect(await lastAuditEntry(db)).toEqual(entries.at(-1));
  });

  it('detects an audit entry altered in storage', async () => {
    const db = await freshDb();
    await applySeries(db);
    const third = (await db.get('audit', 3))!;
    await db.put('audit', { ...third, after: [{ ...third.after[0]!, label: 'horse' }] });
    expect(await verifyChain(await auditLog(db))).toMatchObject({ ok: false, seq: 3 });
    await db.delete('audit', 2);
    expect(await verifyChain(await auditLog(db))).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('missing') });
  });

  it('filters annotations by image', async () => {
    const db = await freshDb();
    await applySeries(db);
    const other = 'b'.repeat(64);
    const box = ok(createBox(other, { x: 1, y: 1, w: 4, h: 4 }, 'car', SIZE, edit(), idFactory('other')));
    await applyChange(db, box.change, await appendEntry(await lastAuditEntry(db), box.change));
    expect((await annotationsOf(db, other)).map((a) => a.id)).toEqual(['other-1']);
    expect(await annotationsOf(db, IMAGE)).toHaveLength(4);
    expect(await annotationsOf(db, 'c'.repeat(64))).toEqual([]);
  });

  it('removes an annotation a change removes', async () => {
    const db = await freshDb();
    const created = ok(createBox(IMAGE, { x: 1, y: 1, w: 4, h: 4 }, 'car', SIZE, edit(), idFactory('h')));
    const first = await appendEntry(undefined, created.change);
    await applyChange(db, created.change, first);
    const removal = { ...created.change, action: 'remove' as const, before: created.change.after, after: [] };
    await applyChange(db, removal, await appendEntry(first, removal));
    expect(await annotationsOf(db, IMAGE)).toEqual([]);
    expect(await auditLog(db)).toHaveLength(2);
  });

  it('writes nothing when the audit entry cannot be stored (a seq already taken)', async () => {
    const db = await freshDb();
    const created = ok(createBox(IMAGE, { x: 1, y: 1, w: 4, h: 4 }, 'car', SIZE, edit(), idFactory('h')));
    const first = await appendEntry(undefined, created.change);
    await applyChange(db, created.change, first);

    // Another tab appended from the same last entry: its entry is seq 2 as well.
    const truck = ok(relabel(created.annotations[0]!, 'truck', edit()));
    const racing = ok(createBox(IMAGE, { x: 5, y: 5, w: 4, h: 4 }, 'bus', SIZE, edit(), idFactory('r')));
    await applyChange(db, racing.change, await appendEntry(first, racing.change));
    await expect(applyChange(db, truck.change, await appendEntry(first, truck.change))).rejects.toThrow();

    expect((await annotationsOf(db, IMAGE)).map((a) => [a.id, a.label])).toEqual([
      ['h-1', 'car'],
      ['r-1', 'bus'],
    ]);
    expect((await auditLog(db)).map((e) => e.action)).toEqual(['create', 'create']);
    expect(await verifyChain(await auditLog(db))).toEqual({ ok: true });
  });

  it('writes nothing when one annotation of a change cannot be stored, not even the deletions before it', async () => {
    const db = await freshDb();
    const created = ok(createBox(IMAGE, { x: 1, y: 1, w: 4, h: 4 }, 'car', SIZE, edit(), idFactory('h')));
    const first = await appendEntry(undefined, created.change);
    await applyChange(db, created.change, first);
    // Replaces h-1 by an annotation without its key (id): h-1's deletion is issued first and must be rolled back.
    const broken = { ...created.change, action: 'relabel' as const, before: created.change.after, after: [{ ...created.annotations[0]!, id: undefined as unknown as string }] };
    await expect(applyChange(db, broken, await appendEntry(first, broken))).rejects.toThrow();
    expect((await annotationsOf(db, IMAGE)).map((a) => a.id)).toEqual(['h-1']);
    expect(await auditLog(db)).toEqual([first]);
  });

  it('refuses an entry that records a different change', async () => {
    const db = await freshDb();
    const [suggest, acceptDog] = changeSeries();
    await expect(applyChange(db, acceptDog!, await appendEntry(undefined, suggest!))).rejects.toThrow(/does not record/);
    expect(await annotationsOf(db, IMAGE)).toEqual([]);
  });

  it('explains a full disk', async () => {
    const db = await freshDb();
    const created = ok(createBox(IMAGE, { x: 1, y: 1, w: 4, h: 4 }, 'car', SIZE, edit(), idFactory('h')));
    const entry = await appendEntry(undefined, created.change);
    const original = db.transaction.bind(db);
    db.transaction = (() => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    }) as unknown as typeof db.transaction;
    await expect(applyChange(db, created.change, entry)).rejects.toBeInstanceOf(StorageFullError);
    db.transaction = original;
  });

  it('adds both stores to a version 1 database when it migrates', async () => {
    const name = `annotations-migrate-${process.pid}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('images', { keyPath: 'sha256' }).createIndex('byImportedAt', 'importedAt');
        db.createObjectStore('settings');
      },
    });
    v1.close();
    const db = await freshDb(name);
    expect([...db.objectStoreNames]).toEqual(expect.arrayContaining(['annotations', 'audit']));
    expect([...db.transaction('annotations').store.indexNames]).toEqual(['byImage']);
    expect(db.transaction('audit').store.autoIncrement).toBe(false);
    await applySeries(db);
    expect(await verifyChain(await auditLog(db))).toEqual({ ok: true });
  });
});
