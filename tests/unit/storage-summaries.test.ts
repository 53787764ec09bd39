import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/domain/annotation';
import { appendEntry, verifyChain } from '../../src/domain/audit';
import { summarize } from '../../src/domain/gallery-filter';
import {
  addImage,
  annotationsOf,
  applyChange,
  auditLog,
  deleteImage,
  lastAuditEntry,
  listImages,
  listSummaries,
  openWorkbenchDb,
  putPrediction,
  SCHEMA_VERSION,
  type WorkbenchDb,
} from '../../src/storage';
import { auditSeries, changeSeries, IMAGE, suggestions } from '../helpers/annotations';
import { createVersion1Stores, createVersion2Stores } from '../helpers/legacy-schema';

const opened: WorkbenchDb[] = [];
let counter = 0;
const fresh = () => `summaries-test-${process.pid}-${++counter}`;
async function open(name: string): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(name);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A database exactly as schema version 2 shipped it, with an image, its annotations and their audit log. */
async function createVersion2(name: string) {
  const changes = changeSeries();
  const entries = await auditSeries(changes);
  const db = await openDB(name, 2, {
    upgrade(v2, oldVersion) {
      if (oldVersion < 1) createVersion1Stores(v2);
      createVersion2Stores(v2);
    },
  });
  await db.put('images', { sha256: IMAGE, fileName: 'a.png', type: 'image/png', width: 100, height: 80, bytes: 1, importedAt: '2026-01-01', review: 'in-progress' });
  let list: import('../../src/domain/annotation').Annotation[] = [];
  for (const [i, change] of changes.entries()) {
    const after = new Map(change.after.map((a) => [a.id, a]));
    const removed = new Set(change.before.map((a) => a.id).filter((id) => !after.has(id)));
    list = [...list.filter((a) => !removed.has(a.id)).map((a) => after.get(a.id) ?? a), ...change.after.filter((a) => !list.some((b) => b.id === a.id))];
    await db.put('audit', entries[i]!);
  }
  for (const a of list) await db.put('annotations', a);
  db.close();
  return { entries, annotations: list };
}

describe('schema version 3: annotation summaries', () => {
  it('migrates a version 2 database: summaries built from the stored annotations, everything else kept', async () => {
    const name = fresh();
    const { entries } = await createVersion2(name);
    const db = await open(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    const stored = await annotationsOf(db, IMAGE);
    expect(stored.length).toBeGreaterThan(0);
    expect((await listSummaries(db)).get(IMAGE)).toEqual(summarize(IMAGE, stored));
    expect(await auditLog(db)).toEqual(entries);
    expect(await verifyChain(await auditLog(db))).toEqual({ ok: true });
    expect((await listImages(db))[0]!.review).toBe('in-progress');
  });

  it('migrates a version 1 database through 2 to 3', async () => {
    const name = fresh();
    const v1 = await openDB(name, 1, { upgrade: (v1) => createVersion1Stores(v1) });
    await v1.put('images', { sha256: 'bbb', fileName: 'b.png', type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: '2026-01-01' });
    await v1.put('blobs', new Blob(['b']), 'bbb');
    v1.close();
    const db = await open(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect((await listImages(db)).map((i) => i.fileName)).toEqual(['b.png']);
    expect((await listSummaries(db)).size).toBe(0);
    // Both stores added since version 1 work: an annotation change writes its summary.
    const change: Change = { action: 'suggest', imageSha256: 'bbb', actor: 'model:coco-centernet@1.0.0', at: 't', before: [], after: suggestions().map((a) => ({ ...a, imageSha256: 'bbb' })) };
    await applyChange(db, change, await appendEntry(undefined, change));
    expect((await listSummaries(db)).get('bbb')).toMatchObject({ pending: 3, total: 3, labels: { dog: 1, cat: 1, bird: 1 } });
  });

  it('keeps each summary in step with every change, in the same transaction', async () => {
    const db = await open(fresh());
    const changes = changeSeries();
    const entries = await auditSeries(changes);
    for (const [i, change] of changes.entries()) {
      await applyChange(db, change, entries[i]!);
      expect((await listSummaries(db)).get(IMAGE)).toEqual(summarize(IMAGE, await annotationsOf(db, IMAGE)));
    }
    // A change whose audit entry is refused (seq taken) leaves the summary as it was.
    const before = (await listSummaries(db)).get(IMAGE);
    const last = (await lastAuditEntry(db))!;
    const extra: Change = { action: 'reject', imageSha256: IMAGE, actor: 'human:ana', at: 't', before: [], after: [] };
    const clash = { ...(await appendEntry(last, extra)), seq: last.seq };
    await expect(applyChange(db, extra, clash)).rejects.toThrow();
    expect((await listSummaries(db)).get(IMAGE)).toEqual(before);
  });

  it('deletes an image with its bytes, thumbnail, results and summary, only once its annotations are gone', async () => {
    const db = await open(fresh());
    const record = { sha256: IMAGE, fileName: 'a.png', type: 'image/png', width: 100, height: 80, bytes: 1, importedAt: '2026-01-01' };
    await addImage(db, { record, blob: new Blob(['a']), thumbnail: new Blob(['t']), preview: new Blob(['p']) });
    await putPrediction(db, { key: `${IMAGE}|run`, runKey: 'run', imageSha256: IMAGE } as never);
    const change: Change = { action: 'suggest', imageSha256: IMAGE, actor: 'model:coco-centernet@1.0.0', at: 't', before: [], after: suggestions() };
    await applyChange(db, change, await appendEntry(undefined, change));
    await expect(deleteImage(db, IMAGE)).rejects.toThrow(/still has 3 annotations/);
    expect(await listImages(db)).toHaveLength(1);

    const removal: Change = { action: 'remove', imageSha256: IMAGE, actor: 'human:ana', at: 't2', before: await annotationsOf(db, IMAGE), after: [] };
    await applyChange(db, removal, await appendEntry(await lastAuditEntry(db), removal));
    await deleteImage(db, IMAGE);
    expect(await listImages(db)).toEqual([]);
    for (const store of ['blobs', 'thumbnails', 'previews', 'imageSummaries'] as const) expect(await db.count(store)).toBe(0);
    expect(await db.count('predictions')).toBe(0);
    const log = await auditLog(db);
    expect(log.map((e) => e.action)).toEqual(['suggest', 'remove']);
    expect(await verifyChain(log)).toEqual({ ok: true });
  });

  it('fills in the bytes of an image restored without them when the same file is imported again', async () => {
    const db = await open(fresh());
    const record = { sha256: IMAGE, fileName: 'a.png', type: 'image/png', width: 100, height: 80, bytes: 1, importedAt: '2026-01-01' };
    await db.put('images', record);
    expect(await addImage(db, { record: { ...record, fileName: 'again.png' }, blob: new Blob(['a']), thumbnail: new Blob(['t']) })).toBe(true);
    expect(await (await db.get('blobs', IMAGE))!.text()).toBe('a');
    expect((await listImages(db))[0]!.fileName).toBe('a.png');
    expect(await addImage(db, { record, blob: new Blob(['a']), thumbnail: new Blob(['t']) })).toBe(false);
  });
});

describe('adding an image', () => {
  it('stores record, bytes, thumbnail and preview together or not at all', async () => {
    const db = await open(fresh());
    const record = { sha256: IMAGE, fileName: 'a.tif', type: 'image/tiff', width: 100, height: 80, bytes: 1, importedAt: '2026-01-01' };
    const unstorable = (() => undefined) as unknown as Blob; // refused by the structured clone, after the record was queued
    await expect(addImage(db, { record, blob: new Blob(['a']), thumbnail: new Blob(['t']), preview: unstorable })).rejects.toThrow();
    expect(await listImages(db)).toEqual([]);
    for (const store of ['blobs', 'thumbnails', 'previews'] as const) expect(await db.count(store)).toBe(0);
  });
});
