import { describe, expect, it } from 'vitest';
import { cocoIou } from '../../src/domain/eval/coco-rules';
import { evaluateDetections } from '../../src/domain/eval/evaluate';
import { groupByClass } from '../../src/domain/eval/groups';
import { matchGroup } from '../../src/domain/eval/match';
import type { EvalImage, PredictedBox, TruthBox } from '../../src/domain/eval/types';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });
const truth = (label: string, x: number, y: number, w: number, h: number, extra: Partial<TruthBox> = {}): TruthBox => ({ label, box: box(x, y, w, h), ...extra });
const det = (label: string, score: number, x: number, y: number, w: number, h: number): PredictedBox => ({ label, score, box: box(x, y, w, h) });
const image = (id: string, t: TruthBox[], p: PredictedBox[]): EvalImage => ({ id, truth: t, predicted: p });
const evaluate = (images: EvalImage[], threshold = 0.5) => evaluateDetections(images, { iou: 0.5, threshold });
const cls = (report: ReturnType<typeof evaluate>, label: string) => report.classes.find((c) => c.label === label)!;

describe('COCOeval rules, on hand-computed cases', () => {
  it('greedy by score: the best-scored detection takes the truth even when a lower one overlaps it more', () => {
    // A (0.9) overlaps the truth by 0.6 exactly, B (0.8) by 0.9 exactly. At IoU 0.50–0.60 A takes it and B is a false
    // positive (AP 1); at 0.65–0.90 only B reaches it, ranked second (AP 0.5); at 0.95 neither (AP 0).
    const report = evaluate([image('i', [truth('a', 0, 0, 100, 100)], [det('a', 0.9, 25, 0, 100, 100), det('a', 0.8, 0, 0, 100, 90)])]);
    // Precision is tp / (tp + fp + ε) as in COCOeval, hence "close to".
    expect(cls(report, 'a').AP50).toBeCloseTo(1, 12);
    expect(cls(report, 'a').AP75).toBeCloseTo(0.5, 12);
    expect(report.summary.AP).toBeCloseTo((3 * 1 + 6 * 0.5 + 0) / 10, 12);
    expect(report.summary.AR100).toBeCloseTo(0.9, 12); // recall 1 at nine thresholds, 0 at 0.95
  });

  it('an overlap exactly at the threshold matches', () => {
    const group = groupByClass([image('i', [truth('a', 0, 0, 100, 100)], [det('a', 0.9, 25, 0, 100, 100)])]).groups[0]![0]!;
    const outcome = new Uint8Array(2);
    matchGroup(group, [0.6, 0.65], [0, 1e10], { outcome, stride: 1, offset: 0 });
    expect([...outcome]).toEqual([1, 0]); // true positive at 0.60, false positive at 0.65
  });

  it('one match per truth: a second detection on the same object is a false positive', () => {
    const report = evaluate([image('i', [truth('a', 0, 0, 50, 50)], [det('a', 0.9, 0, 0, 50, 50), det('a', 0.8, 0, 0, 50, 50)])], 0);
    expect(cls(report, 'a')).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1, AP: expect.closeTo(1, 12) });
  });

  it('on equal overlaps the later truth wins (as `if iou < best: continue` lets it)', () => {
    const group = groupByClass([image('i', [truth('a', 0, 0, 50, 50), truth('a', 0, 0, 50, 50)], [det('a', 0.9, 0, 0, 50, 50)])]).groups[0]![0]!;
    const outcome = new Uint8Array(1);
    const truthOf = new Int32Array(1);
    matchGroup(group, [0.5], [0, 1e10], { outcome, truthOf, stride: 1, offset: 0 });
    expect(truthOf[0]).toBe(1);
  });

  it('101-point interpolated precision: TP, FP, TP on two objects gives (51 · 1 + 50 · 2/3) / 101', () => {
    // Recall 0.5, 0.5, 1 and precision 1, 0.5, 0.667, made non-increasing: 1, 0.667, 0.667. Recall points 0.00–0.50
    // reach the first rank (precision 1); 0.51–1.00 the third (2/3).
    const report = evaluate([
      image('i', [truth('a', 0, 0, 50, 50), truth('a', 100, 0, 50, 50)], [det('a', 0.9, 0, 0, 50, 50), det('a', 0.8, 300, 300, 50, 50), det('a', 0.7, 100, 0, 50, 50)]),
    ]);
    expect(cls(report, 'a').AP).toBeCloseTo(253 / 303, 12);
    expect(cls(report, 'a').curve!.slice(49, 53).map((p) => p.precision)).toEqual([1, 1, 2 / 3, 2 / 3].map((v) => expect.closeTo(v, 12)));
    expect(cls(report, 'a').curve![51]!.score).toBe(0.7); // the point's threshold: where that recall is reached
  });

  it('crowd regions: detections inside one are neither right nor wrong, and never steal a real match', () => {
    const region = truth('a', 200, 0, 200, 200, { crowd: true });
    const report = evaluate([
      image('i', [truth('a', 0, 0, 100, 100), region], [det('a', 0.9, 0, 0, 100, 100), det('a', 0.8, 210, 10, 50, 50), det('a', 0.7, 300, 100, 40, 40)]),
    ]);
    expect(cls(report, 'a')).toMatchObject({ truths: 1, crowd: 1, tp: 1, fp: 0, fn: 0 });
    expect(cls(report, 'a').AP).toBeCloseTo(1, 12);
    // The same box as a crowd region and as an object: the detection takes the object, a second one the region.
    const twin = evaluate([image('j', [truth('a', 0, 0, 100, 100), truth('a', 0, 0, 100, 100, { crowd: true })], [det('a', 0.9, 0, 0, 100, 100), det('a', 0.8, 0, 0, 100, 100)])]);
    expect(cls(twin, 'a')).toMatchObject({ tp: 1, fp: 0 });
    expect(twin.marks.j!.map((m) => m.kind)).toEqual(['tp', 'ignored']);
  });

  it("a crowd region's overlap is the intersection over the detection's own area", () => {
    const crowd = box(200, 0, 200, 200);
    const halfIn = box(380, 0, 40, 40); // 20 × 40 of its 40 × 40 inside
    expect(cocoIou(halfIn, crowd, true)).toBe(0.5);
    expect(cocoIou(halfIn, crowd, false)).toBe(800 / (1600 + 40000 - 800));
  });

  it('maxDets: AR1 counts only the best detection per image and class', () => {
    const objects = [truth('a', 0, 0, 50, 50), truth('a', 100, 0, 50, 50), truth('a', 200, 0, 50, 50)];
    const report = evaluate([image('i', objects, [det('a', 0.9, 0, 0, 50, 50), det('a', 0.8, 100, 0, 50, 50), det('a', 0.7, 200, 0, 50, 50)])]);
    expect(report.summary.AR1).toBeCloseTo(1 / 3, 12);
    expect(report.summary.AR10).toBe(1); // recall needs no ε
    expect(report.summary.AP).toBeCloseTo(1, 12);
  });

  it('maxDets: beyond 100 detections per image and class, the rest are not evaluated', () => {
    const noise = Array.from({ length: 100 }, (_, i) => det('a', 0.9 - i * 0.001, 300 + (i % 10) * 20, 300 + Math.floor(i / 10) * 20, 10, 10));
    const report = evaluate([image('i', [truth('a', 0, 0, 50, 50)], [...noise, det('a', 0.1, 0, 0, 50, 50)])], 0);
    expect(cls(report, 'a')).toMatchObject({ detections: 100, tp: 0, fp: 100, fn: 1, AP: 0 });
  });

  it('empty images: an image without truth adds its false positives; an image with nothing changes nothing', () => {
    const hit = image('hit', [truth('a', 0, 0, 50, 50)], [det('a', 0.9, 0, 0, 50, 50)]);
    const alarm = image('alarm', [], [det('a', 0.95, 0, 0, 50, 50)]);
    const nothing = image('nothing', [], []);
    expect(cls(evaluate([hit]), 'a').AP).toBeCloseTo(1, 12);
    expect(cls(evaluate([hit, alarm]), 'a').AP).toBeCloseTo(0.5, 12); // FP ranked first: precision 0.5 at every recall
    expect(evaluate([hit, alarm, nothing]).summary).toEqual(evaluate([hit, alarm]).summary);
    expect(evaluate([hit, nothing]).images).toBe(2);
  });

  it('classes on one side only: truth never detected has AP 0; a class only predicted has none (-1) and stays out of the means', () => {
    const report = evaluate([
      image('i', [truth('found', 0, 0, 50, 50), truth('missed', 100, 0, 50, 50)], [det('found', 0.9, 0, 0, 50, 50), det('imagined', 0.8, 300, 300, 50, 50)]),
    ]);
    expect(cls(report, 'found').AP).toBeCloseTo(1, 12);
    expect(cls(report, 'missed')).toMatchObject({ AP: 0, tp: 0, fn: 1, recall: 0, precision: null });
    expect(cls(report, 'imagined')).toMatchObject({ AP: -1, AP50: -1, truths: 0, fp: 1, recall: null, curve: null });
    expect(report.summary.AP).toBeCloseTo(0.5, 12);
    expect(report.classes.map((c) => c.label)).toEqual(['found', 'missed', 'imagined']); // with truth first
  });

  it('area ranges: both ends inclusive (32² is small and medium), truth outside the range ignored, an unmatched detection outside it too', () => {
    const small = truth('a', 0, 0, 20, 20); // 400
    const edge = truth('a', 100, 0, 32, 32); // 1024: small and medium
    const report = evaluate([image('i', [small, edge], [det('a', 0.9, 0, 0, 20, 20)])]);
    expect(report.summary.APs).toBeCloseTo(51 / 101, 12); // recall reaches 0.5 with precision 1
    expect(report.summary.APm).toBe(0); // the medium truth is missed; the detection matched an ignored (small) one
    expect(report.summary.APl).toBe(-1); // no large truth
    const large = truth('b', 0, 0, 200, 200);
    const withNoise = evaluate([image('j', [large], [det('b', 0.9, 300, 300, 10, 10), det('b', 0.8, 0, 0, 200, 200)])]);
    expect(withNoise.summary.APl).toBeCloseTo(1, 12); // the small false positive does not count among large objects
    expect(withNoise.summary.AP).toBeCloseTo(0.5, 12);
    // A crowd's own area (its segments), not its box, decides its range.
    const areaGiven = groupByClass([image('k', [truth('c', 0, 0, 100, 100, { area: 500 })], [])]).groups[0]![0]!;
    expect(areaGiven.truthArea[0]).toBe(500);
  });

  it('equal scores keep image order in the ranking (a stable sort, as numpy mergesort)', () => {
    const fp = image('first', [], [det('a', 0.5, 0, 0, 50, 50)]);
    const tp = image('second', [truth('a', 0, 0, 50, 50)], [det('a', 0.5, 0, 0, 50, 50)]);
    expect(cls(evaluate([fp, tp]), 'a').AP).toBeCloseTo(0.5, 12);
    expect(cls(evaluate([tp, fp]), 'a').AP).toBeCloseTo(1, 12);
  });
});
