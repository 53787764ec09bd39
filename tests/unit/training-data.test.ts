import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { isFromResult, resultModel } from '../../src/domain/annotation-ops';
import { filterAndSort, NO_FILTER } from '../../src/domain/gallery-filter';
import type { ImageRecord } from '../../src/domain/image';
import { contextWindow } from '../../src/domain/training/crop';
import { chooseLabels, collectExamples, labelInventory, TrainingRefused } from '../../src/domain/training/examples';
import { certaintyOf, imageMargins, topTwoMargin } from '../../src/domain/training/margin';

const at = '2026-03-01T10:00:00.000Z';
let n = 0;
function annotation(imageSha256: string, label: string, status: Annotation['status'], tag = false, box = { x: 10, y: 20, w: 30, h: 40 }): Annotation {
  return { id: `a${++n}`, imageSha256, shape: { kind: 'bbox', box }, label, status, source: 'human:ana', createdAt: at, updatedAt: at, ...(tag ? { scope: 'image' as const } : {}) };
}

describe('training examples from reviewed annotations', () => {
  const images = [
    { sha256: 'i1', width: 200, height: 100 },
    { sha256: 'i2', width: 200, height: 100 },
    { sha256: 'i3', width: 200, height: 100 },
  ];
  const byImage: Record<string, Annotation[]> = {
    i1: [annotation('i1', 'car', 'accepted'), annotation('i1', 'car', 'suggested'), annotation('i1', 'van', 'edited'), annotation('i1', 'bus', 'rejected'), annotation('i1', 'day', 'accepted', true)],
    i2: [annotation('i2', 'car', 'accepted'), annotation('i2', 'night', 'accepted', true), annotation('i2', 'rain', 'accepted', true)],
    i3: [annotation('i3', 'night', 'edited', true), annotation('i3', 'night', 'accepted', true)],
  };
  const of = (sha: string) => byImage[sha]!;

  it('boxes: every accepted or edited box, none suggested or rejected, with its crop', () => {
    const { examples } = collectExamples('boxes', images, of);
    expect(examples.map((e) => `${e.imageSha256}:${e.label}`)).toEqual(['i1:car', 'i1:van', 'i2:car']);
    // 30 × 40 box: side 40 · 1.2 = 48, centred on (25, 40).
    expect(examples[0]!.crop).toEqual({ x: 1, y: 16, w: 48, h: 48 });
    expect(examples[0]!.key).toBe('i1|1,16,48,48');
  });

  it('tags: one example per image with exactly one reviewed tag among the labels; more than one is counted', () => {
    const all = collectExamples('tags', images, of);
    expect(all.examples.map((e) => `${e.imageSha256}:${e.label}`)).toEqual(['i1:day', 'i3:night']);
    expect(all.examples[0]!.crop).toBeNull();
    expect(all.multiTagged).toBe(1);
    // Only day and night chosen: i2's rain does not count against it.
    const chosen = collectExamples('tags', images, of, new Set(['day', 'night']));
    expect(chosen.examples.map((e) => `${e.imageSha256}:${e.label}`)).toEqual(['i1:day', 'i2:night', 'i3:night']);
    expect(chosen.multiTagged).toBe(0);
  });

  it('counts examples and images per label, most first', () => {
    const { examples } = collectExamples('boxes', images, of);
    expect(labelInventory(examples)).toEqual([
      { label: 'car', examples: 2, images: 2 },
      { label: 'van', examples: 1, images: 1 },
    ]);
  });
});

describe('choosing the labels to train', () => {
  const inventory = [
    { label: 'patrol car', examples: 12, images: 9 },
    { label: 'civil car', examples: 30, images: 20 },
    { label: 'van', examples: 3, images: 3 },
  ];

  it('leaves out, by name and count, a label below the minimum', () => {
    const { labels, leftOut } = chooseLabels(inventory, null, 5);
    expect(labels).toEqual(['civil car', 'patrol car']);
    expect(leftOut).toEqual([{ label: 'van', examples: 3, reason: '"van" has 3 examples, fewer than the 5 a class needs' }]);
  });

  it('refuses one class only, naming why', () => {
    expect(() => chooseLabels(inventory, ['patrol car'], 5)).toThrow(TrainingRefused);
    expect(() => chooseLabels(inventory, ['patrol car'], 5)).toThrow('Training needs at least two labels with at least 5 reviewed examples each; only one label was chosen ("patrol car").');
    expect(() => chooseLabels(inventory, ['patrol car', 'van'], 5)).toThrow('of the 2 labels chosen, only "patrol car" has enough ("van" has 3 examples, fewer than the 5 a class needs).');
    expect(() => chooseLabels([], null, 5)).toThrow('each; there are no reviewed examples yet.');
    expect(() => chooseLabels(inventory.slice(0, 1), null, 5)).toThrow('each; the reviewed examples carry one label only ("patrol car").');
  });

  it('names a chosen label that has no reviewed examples at all', () => {
    const { leftOut } = chooseLabels(inventory, ['patrol car', 'civil car', 'truck'], 5);
    expect(leftOut).toEqual([{ label: 'truck', examples: 0, reason: '"truck" has no reviewed examples' }]);
  });
});

describe('crop with context', () => {
  it('is the square of the longer side plus 10 % each side, moved inside the image', () => {
    expect(contextWindow({ x: 100, y: 100, w: 50, h: 100 }, 640, 480)).toEqual({ x: 65, y: 90, w: 120, h: 120 });
    // At the corner: pushed inside.
    expect(contextWindow({ x: 0, y: 0, w: 50, h: 50 }, 640, 480)).toEqual({ x: 0, y: 0, w: 60, h: 60 });
    // Taller than the image allows: as tall as the image, still the square's width.
    expect(contextWindow({ x: 10, y: 0, w: 100, h: 470 }, 640, 480)).toEqual({ x: 0, y: 0, w: 564, h: 480 });
  });
});

describe('margin between the two best classes (least certain first)', () => {
  it('is best minus second best', () => {
    expect(topTwoMargin([0.1, 0.7, 0.2])).toBeCloseTo(0.5, 12);
    expect(topTwoMargin([0.9])).toBe(0.9);
    expect(topTwoMargin([0.5, 0.5])).toBe(0);
    expect(topTwoMargin([])).toBe(0);
  });

  it("takes a classifier's top tags, or a relabelled detection's least certain box; nothing for a plain detector", () => {
    expect(certaintyOf({ tags: [{ label: 'a', score: 0.6 }, { label: 'b', score: 0.3 }], detections: [] })).toBeCloseTo(0.3, 12);
    const relabelled = (margin: number) => ({ label: 'x', classIndex: 0, score: 0.9, box: { x: 0, y: 0, w: 1, h: 1 }, relabel: { detectorLabel: 'person', labellerScore: 0.8, margin } });
    expect(certaintyOf({ detections: [relabelled(0.7), relabelled(0.2)] })).toBe(0.2);
    expect(certaintyOf({ detections: [{ label: 'x', classIndex: 0, score: 0.9, box: { x: 0, y: 0, w: 1, h: 1 } }] })).toBeUndefined();
  });

  it('sorts the gallery least certain first, images without a margin last either way', () => {
    const image = (sha256: string): ImageRecord => ({ sha256, fileName: `${sha256}.png`, type: 'image/png', width: 1, height: 1, bytes: 1, importedAt: at });
    const images = ['a', 'b', 'c', 'd'].map(image);
    const margins = imageMargins({
      a: { tags: [{ label: 'x', score: 0.9 }, { label: 'y', score: 0.1 }], detections: [] },
      c: { tags: [{ label: 'x', score: 0.5 }, { label: 'y', score: 0.4 }], detections: [] },
      d: { tags: [{ label: 'x', score: 0.7 }, { label: 'y', score: 0.2 }], detections: [] },
    });
    const order = (descending: boolean) => filterAndSort(images, new Map(), NO_FILTER, { key: 'certainty', descending }, margins).map((i) => i.sha256);
    expect(order(false)).toEqual(['c', 'd', 'a', 'b']);
    expect(order(true)).toEqual(['a', 'd', 'c', 'b']);
  });
});

describe('provenance of a detector and box labeller chained', () => {
  const chained = { modelId: 'coco-centernet', modelVersion: 'human-3.3.6', relabelledBy: { modelId: 'labeller-v2', modelName: 'Labeller', modelVersion: '2+abc', weightsSha256: 'abc' } };
  const plain = { modelId: 'coco-centernet', modelVersion: 'human-3.3.6' };

  it('names both models in one source, and tells its suggestions from the plain detector\'s', () => {
    expect(resultModel(chained)).toEqual({ id: 'coco-centernet@human-3.3.6>labeller-v2', version: '2+abc' });
    const fromChain = { source: 'model:coco-centernet@human-3.3.6>labeller-v2@2+abc' as const };
    const fromDetector = { source: 'model:coco-centernet@human-3.3.6' as const };
    expect(isFromResult(fromChain, chained)).toBe(true);
    expect(isFromResult(fromDetector, chained)).toBe(false);
    expect(isFromResult(fromDetector, plain)).toBe(true);
    expect(isFromResult(fromChain, plain)).toBe(false);
  });
});
