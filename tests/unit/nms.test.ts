import { describe, expect, it } from 'vitest';
import { nonMaxSuppression } from '../../src/domain/nms';

const person = { x: 0, y: 0, w: 100, h: 100 };
const candidates = [
  { id: 'person-low', classIndex: 0, score: 0.7, box: { x: 5, y: 5, w: 100, h: 100 } }, // IoU ≈ 0.82 with person
  { id: 'far', classIndex: 0, score: 0.6, box: { x: 300, y: 300, w: 50, h: 50 } },
  { id: 'person', classIndex: 0, score: 0.9, box: person },
  { id: 'horse', classIndex: 17, score: 0.8, box: { x: 2, y: 2, w: 100, h: 100 } }, // overlaps person, other class
];
const ids = (kept: { id: string }[]) => kept.map((k) => k.id);

describe('nonMaxSuppression', () => {
  it('per class: keeps an overlapping box of another class, drops a weaker one of the same class', () => {
    const kept = nonMaxSuppression(candidates, { iouThreshold: 0.5, maxDetections: 10, perClass: true });
    expect(ids(kept)).toEqual(['person', 'horse', 'far']);
  });

  it('class-agnostic: any overlapping weaker box goes', () => {
    const kept = nonMaxSuppression(candidates, { iouThreshold: 0.5, maxDetections: 10, perClass: false });
    expect(ids(kept)).toEqual(['person', 'far']);
  });

  it('stops at maxDetections, keeping the highest scores', () => {
    const kept = nonMaxSuppression(candidates, { iouThreshold: 0.5, maxDetections: 2, perClass: true });
    expect(ids(kept)).toEqual(['person', 'horse']);
  });

  it('keeps everything when no overlap passes the threshold', () => {
    const kept = nonMaxSuppression(candidates, { iouThreshold: 0.95, maxDetections: 10, perClass: false });
    expect(ids(kept)).toEqual(['person', 'horse', 'person-low', 'far']);
  });

  it('suppresses only above the threshold, not at it', () => {
    // IoU exactly 0.5: 50 px² shared, 100 px² covered.
    const pair = [
      { classIndex: 0, score: 0.9, box: { x: 0, y: 0, w: 10, h: 10 } },
      { classIndex: 0, score: 0.8, box: { x: 0, y: 0, w: 10, h: 5 } },
    ];
    expect(nonMaxSuppression(pair, { iouThreshold: 0.5, maxDetections: 10, perClass: true })).toHaveLength(2);
    expect(nonMaxSuppression(pair, { iouThreshold: 0.49, maxDetections: 10, perClass: true })).toHaveLength(1);
  });

  it('does not reorder or change its input', () => {
    const copy = structuredClone(candidates);
    nonMaxSuppression(candidates, { iouThreshold: 0.5, maxDetections: 10, perClass: true });
    expect(candidates).toEqual(copy);
  });
});
