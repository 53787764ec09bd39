import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { groundTruthFromCoco } from '../../src/domain/eval/ground-truth';
import { readPredictions } from '../../src/domain/eval/predictions';
import type { ImageRecord } from '../../src/domain/image';
import type { PredictionRecord } from '../../src/domain/prediction';
import { evaluationWork } from '../../src/platform/evaluation-work';
import { openWorkbenchDb, putPrediction } from '../../src/storage';

const T0 = '2026-03-01T10:00:00.000Z';
const image = (sha256: string, fileName: string, review?: ImageRecord['review']): ImageRecord => ({ sha256, fileName, type: 'image/png', width: 200, height: 100, bytes: 1, importedAt: T0, ...(review ? { review } : {}) });
const box = (id: string, sha: string, label: string, x: number, status: Annotation['status'], scope?: 'image'): Annotation => ({
  id,
  imageSha256: sha,
  shape: { kind: 'bbox', box: scope ? { x: 0, y: 0, w: 200, h: 100 } : { x, y: 10, w: 40, h: 40 } },
  label,
  source: 'human:ana',
  status,
  createdAt: T0,
  updatedAt: T0,
  ...(scope ? { scope } : {}),
});
const result = (sha: string, runKey: string, detections: [string, number, number][], tags?: { label: string; score: number }[]): PredictionRecord => ({
  key: `${sha}|${runKey}`,
  runKey,
  imageSha256: sha,
  modelId: 'm',
  modelVersion: '1',
  weightsSha256: 'w',
  paramsHash: 'p',
  params: { scoreThreshold: 0.05, iouThreshold: 0.4, maxDetections: 100 },
  detections: detections.map(([label, score, x]) => ({ label, classIndex: 0, score, box: { x, y: 10, w: 40, h: 40 } })),
  ...(tags ? { tags } : {}),
  backend: 'wasm',
  elapsedMs: 1,
  createdAt: T0,
});

describe('the evaluation worker, on a real (fake-indexeddb) project database', () => {
  it('evaluates reviewed annotations against cached runs, compares two on the images both cover, judges again, and writes the files the CLI reads', async () => {
    const name = 'evaluation-work-test';
    const db = await openWorkbenchDb(name);
    const [a, b, c] = ['a', 'b', 'c'].map((s) => s.repeat(64)) as [string, string, string];
    for (const annotation of [
      box('1', a, 'cat', 10, 'accepted'),
      box('2', a, 'dog', 100, 'edited'),
      box('3', a, 'dog', 150, 'rejected'),
      box('4', a, 'bird', 60, 'suggested'),
      box('5', b, 'cat', 10, 'accepted'),
      box('6', a, 'Neutral', 0, 'accepted', 'image'),
    ])
      await db.put('annotations', annotation);
    await putPrediction(db, result(a, 'good', [['cat', 0.9, 10], ['dog', 0.8, 100], ['dog', 0.3, 150]]));
    await putPrediction(db, result(a, 'poor', [['cat', 0.9, 120]]));
    await putPrediction(db, result(b, 'poor', [['cat', 0.6, 12]]));
    await putPrediction(db, result(c, 'tags', [], [{ label: 'Neutral', score: 0.9 }]));
    await putPrediction(db, result(a, 'tags', [], [{ label: 'Neutral', score: 0.7 }, { label: 'Drawing', score: 0.3 }]));
    db.close();

    const images = [image(a, 'a.png', 'reviewed'), image(b, 'b.png', 'reviewed')];
    const phases: string[] = [];
    const outcome = await evaluationWork.evaluate({ dbName: name, images, runKeys: ['good', 'poor'], choice: { iou: 0.5, threshold: 0.5 } }, (_, phase) => phases.push(phase));
    const [good, poor] = outcome.runs;
    expect(good).toMatchObject({ evaluated: 1, noResult: 1, undecided: 1, names: { [a]: 'a.png' } }); // b has no result in "good"
    expect(good!.report!.classes.map((k) => [k.label, k.truths, k.tp, k.fp])).toEqual([
      ['cat', 1, 1, 0],
      ['dog', 1, 1, 0], // the rejected dog is not truth; the 0.3 detection on it is below the threshold
    ]);
    // Compared, both runs are judged on the images both have results for: a alone.
    expect(poor).toMatchObject({ evaluated: 1, noResult: 1 });
    expect(poor!.report!.overall).toMatchObject({ tp: 0, fp: 1, fn: 2 });
    expect(outcome.comparison!.summary.AP.delta).toBeLessThan(0);
    expect(phases.at(-1)).toBe('judging boxes');

    const low = await evaluationWork.rejudge({ iou: 0.5, threshold: 0.2 });
    expect(low.runs[0]!.report!.classes.find((k) => k.label === 'dog')).toMatchObject({ fp: 1 });
    expect(low.runs[0]!.report!.summary).toEqual(good!.report!.summary);

    // On its own, the poor run covers both images.
    const alone = await evaluationWork.evaluate({ dbName: name, images, runKeys: ['poor'], choice: { iou: 0.5, threshold: 0.5 } });
    expect(alone.runs[0]).toMatchObject({ evaluated: 2, noResult: 0 });
    expect(alone.runs[0]!.report!.overall).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    const files = await evaluationWork.files(0);
    const input = readPredictions(groundTruthFromCoco(files.groundTruth, 'gt.json'), files.results, 'results.json');
    expect(input.images.map((i) => [i.id, i.truth.length, i.predicted.length])).toEqual([
      ['a.png', 2, 1],
      ['b.png', 1, 1],
    ]);

    const tags = await evaluationWork.evaluate({ dbName: name, images: [image(a, 'a.png', 'reviewed')], runKeys: ['tags'], choice: { iou: 0.5, threshold: 0.5 } });
    expect(tags.runs[0]!.report).toBeNull();
    expect(tags.runs[0]!.tags).toMatchObject({ images: 1, exactMatch: 1, top1: 1 });
  });
});
