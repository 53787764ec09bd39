import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { AreaRun } from '../../src/domain/area-run';
import type { BatchJob } from '../../src/domain/batch';
import { GENESIS_HASH } from '../../src/domain/audit';
import { HashListReader } from '../../src/domain/evidence/hash-list';
import { auditSeries } from '../helpers/annotations';
import { createVersion1Stores, createVersion2Stores, createVersion3Stores } from '../helpers/legacy-schema';
import { areaRunsFor, deleteImage, listHashLists, listImages, loadJob, readAuditHead, saveAreaRun, saveHashList, unfinishedAreaRuns, openWorkbenchDb, predictionsForRun, saveJob, SCHEMA_VERSION, unfinishedJobs } from '../../src/storage';
import { getEmbeddings, putEmbeddings } from '../../src/storage/embeddings';

/** Builds a database exactly as schema version 1 shipped it, with data in it. */
async function createVersion1(name: string): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade: (v1) => createVersion1Stores(v1),
  });
  await db.put('images', { sha256: 'aaa', fileName: 'a.png', type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: '2026-01-01' });
  await db.put('blobs', new Blob(['a']), 'aaa');
  await db.put('predictions', { key: 'aaa|run', runKey: 'run', imageSha256: 'aaa', detections: [] });
  await db.put('settings', 'coco-centernet', 'modelId');
  db.close();
}

const areaRun = (key: string, status: AreaRun['status']): AreaRun => ({
  key,
  areaKey: key.split('|')[0]!,
  runKey: 'run',
  modelId: 'coco-centernet',
  modelVersion: '1',
  params: { scoreThreshold: 0.05, iouThreshold: 0.4, maxDetections: 100 },
  tiling: { tileSize: 512, overlap: 0.2 },
  area: { key: 'area-1', crs: { epsg: 25832 }, transform: [0, 1, 0, 0, 0, -1], width: 1, height: 1, members: [], coveredKm2: 0, hasGaps: false, hasOverlaps: false },
  status,
  done: 0,
  total: 1,
  createdAt: '2026-01-01',
  updatedAt: '2026-01-01',
});

const job = (id: string, status: BatchJob['status'], createdAt: string): BatchJob => ({
  id,
  modelId: 'coco-centernet',
  runKey: 'run',
  paramsHash: 'p',
  params: {},
  imageSha256s: ['aaa', 'bbb'],
  done: 1,
  failures: {},
  status,
  createdAt,
  updatedAt: createdAt,
});

describe('schema migrations', () => {
  it('opens a version 1 database at the current version with every record kept', async () => {
    await createVersion1('migrate-v1');
    const db = await openWorkbenchDb('migrate-v1');
    expect(db.version).toBe(SCHEMA_VERSION);
    expect((await listImages(db)).map((i) => i.fileName)).toEqual(['a.png']);
    expect(await (await db.get('blobs', 'aaa'))!.text()).toBe('a');
    expect((await predictionsForRun(db, 'run')).has('aaa')).toBe(true);
    expect(await db.get('settings', 'modelId')).toBe('coco-centernet');
    // The store version 2 added works on the migrated database.
    await saveJob(db, job('j1', 'running', '2026-01-02'));
    expect((await loadJob(db, 'j1'))!.done).toBe(1);
    // And the store version 4 added (area runs), found by run key and by status.
    await saveAreaRun(db, areaRun('area-1|run', 'paused'));
    expect((await areaRunsFor(db, 'run')).map((r) => r.key)).toEqual(['area-1|run']);
    expect((await unfinishedAreaRuns(db)).map((r) => r.status)).toEqual(['paused']);
    // And the hash-list store of version 5; the image imported before it has no MD5, SHA-1 or metadata.
    const reader = new HashListReader();
    reader.push('d41d8cd98f00b204e9800998ecf8427e\n');
    await saveHashList(db, reader.finish({ id: 'l1', name: 'known', source: 'known.txt', loadedAt: '2026-01-03' }));
    expect((await listHashLists(db)).map((l) => [l.name, l.counts.md5])).toEqual([['known', 1]]);
    expect((await listImages(db))[0]).not.toHaveProperty('md5');
    db.close();
  });

  it('opens a version 3 database with an empty embedding cache, which keeps vectors and loses them with their image', async () => {
    const v3 = await openDB('migrate-v3', 3, {
      upgrade(db) {
        createVersion1Stores(db);
        createVersion2Stores(db);
        createVersion3Stores(db);
      },
    });
    await v3.put('images', { sha256: 'aaa', fileName: 'a.png', type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: '2026-01-01' });
    await v3.put('imageSummaries', { imageSha256: 'aaa', labels: {}, sources: [], maxScore: null, pending: 0, total: 0 });
    v3.close();
    const db = await openWorkbenchDb('migrate-v3');
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(await db.count('embeddings')).toBe(0);
    expect((await listImages(db)).map((i) => i.fileName)).toEqual(['a.png']);
    await putEmbeddings(db, [
      { key: 'e|aaa|whole', imageSha256: 'aaa', vector: Float32Array.of(1, 2) },
      { key: 'e|bbb|1,2,3,4', imageSha256: 'bbb', vector: Float32Array.of(3, 4) },
    ]);
    const found = await getEmbeddings(db, ['e|aaa|whole', 'e|bbb|1,2,3,4', 'e|ccc|whole']);
    expect([...found.keys()]).toEqual(['e|aaa|whole', 'e|bbb|1,2,3,4']);
    expect([...found.get('e|aaa|whole')!]).toEqual([1, 2]);
    await deleteImage(db, 'aaa');
    expect([...(await getEmbeddings(db, ['e|aaa|whole', 'e|bbb|1,2,3,4'])).keys()]).toEqual(['e|bbb|1,2,3,4']);
    db.close();
  });

  it('finds unfinished jobs (running and paused), oldest first, and not finished or cancelled ones', async () => {
    const db = await openWorkbenchDb('jobs-status');
    await saveJob(db, job('late', 'paused', '2026-01-03'));
    await saveJob(db, job('early', 'running', '2026-01-01'));
    await saveJob(db, job('done', 'finished', '2026-01-02'));
    await saveJob(db, job('stopped', 'cancelled', '2026-01-02'));
    expect((await unfinishedJobs(db)).map((j) => j.id)).toEqual(['early', 'late']);
    db.close();
  });

  it('version 6 records the audit log head of a version 3 database (and of a new one: empty)', async () => {
    const entries = await auditSeries();
    const v3 = await openDB('migrate-v3-head', 3, {
      upgrade(db) {
        createVersion1Stores(db);
        createVersion2Stores(db);
        createVersion3Stores(db);
      },
    });
    for (const entry of entries) await v3.put('audit', entry);
    v3.close();
    const db = await openWorkbenchDb('migrate-v3-head');
    expect(db.version).toBe(SCHEMA_VERSION);
    expect(await readAuditHead(db)).toEqual({ count: entries.length, hash: entries.at(-1)!.hash });
    db.close();
    const fresh = await openWorkbenchDb('migrate-new-head');
    expect(await readAuditHead(fresh)).toEqual({ count: 0, hash: GENESIS_HASH });
    fresh.close();
  });
});
