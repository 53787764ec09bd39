import { describe, expect, it } from 'vitest';
import { compareReports } from '../../src/domain/eval/compare';
import { BACKGROUND } from '../../src/domain/eval/confusion';
import { evaluateDetections, judgeAt, prepareEvaluation } from '../../src/domain/eval/evaluate';
import { evaluateTags } from '../../src/domain/eval/tags';
import type { EvalImage, PredictedBox, TruthBox } from '../../src/domain/eval/types';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const truth = (label: string, x: number, y: number, w = 100, h = 100): TruthBox => ({ label, box: box(x, y, w, h) });
const det = (label: string, score: number, x: number, y: number, w = 100, h = 100): PredictedBox => ({ label, score, box: box(x, y, w, h) });

describe('precision, recall and F1 at a score threshold', () => {
  // Two objects; detections 0.9 right, 0.8 wrong, 0.6 right, 0.3 wrong.
  const images: EvalImage[] = [
    { id: 'i', truth: [truth('a', 0, 0), truth('a', 200, 0)], predicted: [det('a', 0.9, 0, 0), det('a', 0.8, 400, 400), det('a', 0.6, 200, 0), det('a', 0.3, 600, 0)] },
  ];

  it('counts the detections scoring at least the threshold', () => {
    const a = evaluateDetections(images, { iou: 0.5, threshold: 0.7 }).classes[0]!;
    expect(a).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, F1: 0.5 });
    const all = evaluateDetections(images, { iou: 0.5, threshold: 0 }).classes[0]!;
    expect(all).toMatchObject({ tp: 2, fp: 2, fn: 0, precision: 0.5, recall: 1 });
    const none = evaluateDetections(images, { iou: 0.5, threshold: 0.95 }).classes[0]!;
    expect(none).toMatchObject({ tp: 0, fp: 0, fn: 2, precision: null, recall: 0, F1: 0 });
  });

  it('finds the threshold that maximises F1 (cuts at 0.9: 0.67, 0.8: 0.5, 0.6: 0.8, 0.3: 0.67)', () => {
    const a = evaluateDetections(images, { iou: 0.5, threshold: 0.5 }).classes[0]!;
    expect(a.bestF1).toEqual({ threshold: 0.6, F1: 0.8, precision: 2 / 3, recall: 1 });
  });

  it('cuts only between distinct scores: equal scores are in or out together', () => {
    const tied: EvalImage[] = [{ id: 'i', truth: [truth('a', 0, 0)], predicted: [det('a', 0.7, 500, 500), det('a', 0.7, 0, 0)] }];
    expect(evaluateDetections(tied, { iou: 0.5, threshold: 0.5 }).classes[0]!.bestF1).toEqual({ threshold: 0.7, F1: 2 / 3, precision: 0.5, recall: 1 });
  });

  it('uses the chosen IoU: a loose box is right at 0.3 and wrong at 0.5', () => {
    const loose: EvalImage[] = [{ id: 'i', truth: [truth('a', 0, 0)], predicted: [det('a', 0.9, 50, 0)] }]; // IoU 1/3
    expect(evaluateDetections(loose, { iou: 0.3, threshold: 0.5 }).classes[0]).toMatchObject({ tp: 1, fp: 0 });
    expect(evaluateDetections(loose, { iou: 0.5, threshold: 0.5 }).classes[0]).toMatchObject({ tp: 0, fp: 1 });
  });

  it('sums counts over the classes for the overall figures', () => {
    const two: EvalImage[] = [{ id: 'i', truth: [truth('a', 0, 0), truth('b', 200, 0)], predicted: [det('a', 0.9, 0, 0), det('b', 0.9, 500, 500)] }];
    expect(evaluateDetections(two, { iou: 0.5, threshold: 0.5 }).overall).toEqual({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, F1: 0.5 });
  });
});

describe('confusion matrix and marks', () => {
  // A person found; a dog called a cat; a cat missed; a person seen in the empty corner; a car below the threshold.
  const images: EvalImage[] = [
    {
      id: 'street',
      truth: [truth('person', 0, 0), truth('dog', 200, 0), truth('cat', 400, 0)],
      predicted: [det('person', 0.9, 0, 0), det('cat', 0.8, 205, 0), det('person', 0.7, 0, 300, 50, 50), det('car', 0.1, 400, 0)],
    },
    { id: 'park', truth: [truth('dog', 0, 0)], predicted: [det('dog', 0.95, 0, 0)] },
  ];
  const report = evaluateDetections(images, { iou: 0.5, threshold: 0.5 }, ['person', 'dog', 'cat', 'car']);
  const cell = (t: string, p: string) => report.confusion.cells.find((c) => c.truth === t && c.predicted === p);

  it('puts matches on the diagonal, class confusions off it, misses and false alarms against the background', () => {
    expect(report.confusion.labels).toEqual(['person', 'dog', 'cat', 'car', BACKGROUND]);
    expect(cell('person', 'person')).toEqual({ truth: 'person', predicted: 'person', count: 1, images: ['street'] });
    expect(cell('dog', 'dog')).toMatchObject({ count: 1, images: ['park'] });
    expect(cell('dog', 'cat')).toMatchObject({ count: 1, images: ['street'] });
    expect(cell('cat', BACKGROUND)).toMatchObject({ count: 1, images: ['street'] });
    expect(cell(BACKGROUND, 'person')).toMatchObject({ count: 1, images: ['street'] });
    expect(report.confusion.cells.reduce((n, c) => n + c.count, 0)).toBe(5); // the car scored below the threshold
  });

  it('marks each box on its image: true positive, false positive (naming the class it lies on), missed', () => {
    const kinds = report.marks.street!.map((m) => `${m.kind} ${m.label}${m.other ? ` (${m.other})` : ''}`).sort();
    expect(kinds).toEqual(['fp cat (dog)', 'fp person', 'missed cat', 'missed dog (cat)', 'tp person']);
    expect(report.marks.park!.map((m) => m.kind)).toEqual(['tp']);
    expect(report.marks.street!.find((m) => m.kind === 'missed' && m.label === 'cat')!.box).toEqual(box(400, 0, 100, 100));
  });

  it('judges again at another threshold without redoing the COCO figures', () => {
    const prepared = prepareEvaluation(images, ['person', 'dog', 'cat', 'car']);
    const low = judgeAt(prepared, { iou: 0.5, threshold: 0.05 });
    expect(low.summary).toEqual(report.summary);
    expect(low.confusion.cells.find((c) => c.truth === 'cat' && c.predicted === 'car')).toMatchObject({ count: 1 }); // the car now counts
  });
});

describe('image-level tags', () => {
  const tags = evaluateTags(
    [
      { id: '1', truth: ['Neutral'], predicted: [{ label: 'Neutral', score: 0.9 }, { label: 'Drawing', score: 0.1 }] },
      { id: '2', truth: ['Drawing'], predicted: [{ label: 'Neutral', score: 0.6 }, { label: 'Drawing', score: 0.4 }] },
      { id: '3', truth: ['Drawing', 'Neutral'], predicted: [{ label: 'Drawing', score: 0.7 }, { label: 'Neutral', score: 0.3 }] },
      { id: '4', truth: [], predicted: [{ label: 'Sexy', score: 0.8 }] },
    ],
    0.5,
  );

  it('gives exact-match and top-1 accuracy', () => {
    expect(tags.exactMatch).toBe(1 / 4); // only image 1 has exactly its true tags at ≥ 0.5
    expect(tags.top1).toBe(2 / 3); // images 1 and 3 of the three with true tags
  });

  it('gives per-tag precision and recall, and the images with a tag wrong', () => {
    const of = (tag: string) => tags.tags.find((t) => t.tag === tag)!;
    expect(of('Neutral')).toMatchObject({ truths: 2, tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(of('Drawing')).toMatchObject({ truths: 2, tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(of('Sexy')).toMatchObject({ truths: 0, tp: 0, fp: 1, precision: 0, recall: null });
    expect(tags.wrong).toEqual({ '2': ['Drawing', 'Neutral'], '3': ['Neutral'], '4': ['Sexy'] });
  });
});

describe('comparing two runs', () => {
  const objects = [truth('a', 0, 0), truth('b', 200, 0)];
  const runA = evaluateDetections([{ id: 'i', truth: objects, predicted: [det('a', 0.9, 0, 0)] }], { iou: 0.5, threshold: 0.5 });
  const runB = evaluateDetections([{ id: 'i', truth: objects, predicted: [det('a', 0.9, 0, 0), det('b', 0.8, 200, 0), det('c', 0.7, 500, 500)] }], { iou: 0.5, threshold: 0.5 });

  it('gives B minus A per class and for the summary', () => {
    const c = compareReports(runA, runB);
    const row = (label: string) => c.classes.find((r) => r.label === label)!;
    expect(row('a').delta.AP).toBeCloseTo(0, 12);
    expect(row('b').delta.AP).toBeCloseTo(1, 12); // missed by A, found by B
    expect(row('b').delta.recall).toBe(1);
    expect(row('c').a).toBeNull(); // only B predicted it
    expect(row('c').delta.AP).toBeNull();
    expect(c.summary.AP.delta).toBeCloseTo(0.5, 12);
    expect(c.overall.recall).toBe(0.5);
  });
});
