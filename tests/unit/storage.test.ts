import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/domain/image';
import type { PredictionRecord } from '../../src/domain/prediction';
import {
  addImage,
  getImageBlob,
  getPrediction,
  getThumbnail,
  hasImage,
  listImages,
  listRuns,
  openWorkbenchDb,
  predictionsForRun,
  putPrediction,
  type WorkbenchDb,
} from '../../src/storage';

let counter = 0;
const opened: WorkbenchDb[] = [];
async function freshDb(): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(`workbench-test-${process.pid}-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const record = (sha256: string, importedAt: string, fileName = `${sha256}.png`): ImageRecord => ({
  sha256,
  fileName,
  type: 'image/png',
  width: 10,
  height: 20,
  bytes: 3,
  importedAt,
});
const stored = (r: ImageRecord, text = 'bytes') => ({ record: r, blob: new Blob([text]), thumbnail: new Blob([`thumb of ${text}`]) });

const prediction = (imageSha256: string, runKey: string, score: number): PredictionRecord => ({
  key: `${imageSha256}|${runKey}`,
  runKey,
  imageSha256,
  modelId: 'coco-centernet',
  modelVersion: 'human-3.3.6',
  weightsSha256: 'w',
  paramsHash: 'p',
  params: { scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 },
  detections: [{ label: 'person', classIndex: 0, score, box: { x: 1, y: 2, w: 3, h: 4 } }],
  backend: 'wasm',
  elapsedMs: 250,
  createdAt: '2025-01-01T00:00:00.000Z',
});

describe('images', () => {
  it('stores an image once: the same SHA-256 again keeps the first and returns false', async () => {
    const db = await freshDb();
    expect(await addImage(db, stored(record('aaa', '2025-01-01T00:00:00Z', 'first.png'), 'one'))).toBe(true);
    expect(await addImage(db, stored(record('aaa', '2025-02-01T00:00:00Z', 'copy.png'), 'two'))).toBe(false);
    const all = await listImages(db);
    expect(all).toHaveLength(1);
    expect(all[0]!.fileName).toBe('first.png');
    expect(await (await getImageBlob(db, 'aaa'))!.text()).toBe('one');
    expect(await (await getThumbnail(db, 'aaa'))!.text()).toBe('thumb of one');
    expect(await hasImage(db, 'aaa')).toBe(true);
    expect(await hasImage(db, 'bbb')).toBe(false);
  });

  it('lists images oldest import first, whatever the hash order', async () => {
    const db = await freshDb();
    await addImage(db, stored(record('ccc', '2025-03-01T00:00:00Z')));
    await addImage(db, stored(record('aaa', '2025-05-01T00:00:00Z')));
    await addImage(db, stored(record('bbb', '2025-01-01T00:00:00Z')));
    expect((await listImages(db)).map((r) => r.sha256)).toEqual(['bbb', 'ccc', 'aaa']);
  });

  it('keeps databases apart by name', async () => {
    const a = await freshDb();
    const b = await freshDb();
    await addImage(a, stored(record('aaa', '2025-01-01T00:00:00Z')));
    expect(await listImages(b)).toEqual([]);
  });
});

describe('predictions', () => {
  it('puts and gets a prediction by key', async () => {
    const db = await freshDb();
    const p = prediction('img1', 'runA', 0.61);
    await putPrediction(db, p);
    expect(await getPrediction(db, 'img1|runA')).toEqual(p);
    expect(await getPrediction(db, 'img1|runB')).toBeUndefined();
  });

  it('replaces a prediction with the same key', async () => {
    const db = await freshDb();
    await putPrediction(db, prediction('img1', 'runA', 0.61));
    await putPrediction(db, prediction('img1', 'runA', 0.7));
    expect((await getPrediction(db, 'img1|runA'))!.detections[0]!.score).toBe(0.7);
  });

  it('returns one run’s results keyed by image hash, and nothing of other runs', async () => {
    const db = await freshDb();
    await putPrediction(db, prediction('img1', 'runA', 0.1));
    await putPrediction(db, prediction('img2', 'runA', 0.2));
    await putPrediction(db, prediction('img1', 'runB', 0.3));
    const runA = await predictionsForRun(db, 'runA');
    expect([...runA.keys()].sort()).toEqual(['img1', 'img2']);
    expect(runA.get('img1')!.detections[0]!.score).toBe(0.1);
    const runB = await predictionsForRun(db, 'runB');
    expect([...runB.keys()]).toEqual(['img1']);
    expect((await predictionsForRun(db, 'runC')).size).toBe(0);
  });

  it('lists the runs the project has results of, with how many images each covers', async () => {
    const db = await freshDb();
    expect(await listRuns(db)).toEqual([]);
    await putPrediction(db, prediction('img1', 'runB', 0.1));
    await putPrediction(db, prediction('img2', 'runA', 0.2));
    await putPrediction(db, prediction('img1', 'runA', 0.3));
    const runs = await listRuns(db);
    expect(runs.map((r) => [r.runKey, r.images])).toEqual([
      ['runA', 2],
      ['runB', 1],
    ]);
    expect(runs[0]!.sample.runKey).toBe('runA');
  });
});
