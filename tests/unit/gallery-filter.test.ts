import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import {
  DEFAULT_SORT,
  filterAndSort,
  type ImageSummary,
  labelCounts,
  NO_FILTER,
  rangeBetween,
  sourcesPresent,
  summarize,
} from '../../src/domain/gallery-filter';
import type { ImageRecord } from '../../src/domain/image';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const image = (n: number, fileName: string, review?: ImageRecord['review']): ImageRecord => ({
  sha256: sha(n),
  fileName,
  type: 'image/png',
  width: 10,
  height: 10,
  bytes: 10,
  importedAt: `2026-01-0${n}T00:00:00.000Z`,
  ...(review ? { review } : {}),
});
let id = 0;
const ann = (n: number, label: string, status: Annotation['status'], source: Annotation['source'], score?: number): Annotation => ({
  id: `a${++id}`,
  imageSha256: sha(n),
  shape: { kind: 'bbox', box: { x: 0, y: 0, w: 1, h: 1 } },
  label,
  source,
  status,
  createdAt: 't',
  updatedAt: 't',
  ...(score === undefined ? {} : { score }),
});

// 1 dog+cat from the model, pending; 2 a person's accepted cat; 3 nothing; 4 only a rejected dog; 5 imported car, reviewed.
const images = [image(1, 'img10.jpg'), image(2, 'img2.jpg', 'in-progress'), image(3, 'b.jpg'), image(4, 'a.jpg'), image(5, 'img1.jpg', 'reviewed')];
const summaries = new Map<string, ImageSummary>(
  [
    summarize(sha(1), [ann(1, 'dog', 'suggested', 'model:coco@1', 0.9), ann(1, 'cat', 'suggested', 'model:coco@1', 0.4)]),
    summarize(sha(2), [ann(2, 'cat', 'accepted', 'human:ana', 0.7)]),
    summarize(sha(4), [ann(4, 'dog', 'rejected', 'model:coco@1', 0.95)]),
    summarize(sha(5), [ann(5, 'car', 'accepted', 'import:coco')]),
  ].map((s) => [s.imageSha256, s]),
);
const names = (list: ImageRecord[]) => list.map((i) => i.fileName);
const shown = (patch: Partial<typeof NO_FILTER>, sort = DEFAULT_SORT) => names(filterAndSort(images, summaries, { ...NO_FILTER, ...patch }, sort));

describe('image summaries', () => {
  it('counts labels, sources, pending and the best score over annotations not rejected', () => {
    expect(summaries.get(sha(1))).toEqual({ imageSha256: sha(1), labels: { dog: 1, cat: 1 }, sources: ['model:coco@1'], maxScore: 0.9, pending: 2, total: 2 });
    expect(summaries.get(sha(4))).toMatchObject({ labels: {}, sources: [], maxScore: null, pending: 0, total: 0 });
  });
});

describe('gallery filters', () => {
  it('shows everything in import order without a filter', () => {
    expect(shown({})).toEqual(['img10.jpg', 'img2.jpg', 'b.jpg', 'a.jpg', 'img1.jpg']);
  });

  it('filters by label (any of several), ignoring rejected annotations', () => {
    expect(shown({ labels: ['dog'] })).toEqual(['img10.jpg']);
    expect(shown({ labels: ['dog', 'car'] })).toEqual(['img10.jpg', 'img1.jpg']);
  });

  it('filters by review status, an image without one counting as unreviewed', () => {
    expect(shown({ review: 'unreviewed' })).toEqual(['img10.jpg', 'b.jpg', 'a.jpg']);
    expect(shown({ review: 'reviewed' })).toEqual(['img1.jpg']);
  });

  it('filters by a whole source or a kind of source', () => {
    expect(shown({ source: 'human:ana' })).toEqual(['img2.jpg']);
    expect(shown({ source: 'model:' })).toEqual(['img10.jpg']);
    expect(shown({ source: 'import:' })).toEqual(['img1.jpg']);
    expect(shown({ source: 'human:bob' })).toEqual([]);
  });

  it('filters by the best score, leaving out images without scores once a range is set', () => {
    expect(shown({ scoreMin: 0.5 })).toEqual(['img10.jpg', 'img2.jpg']);
    expect(shown({ scoreMin: 0.5, scoreMax: 0.8 })).toEqual(['img2.jpg']);
  });

  it('finds images without annotations and images with suggestions pending', () => {
    expect(shown({ noAnnotations: true })).toEqual(['b.jpg', 'a.jpg']);
    expect(shown({ pendingOnly: true })).toEqual(['img10.jpg']);
    expect(shown({ noAnnotations: true, pendingOnly: true })).toEqual([]);
  });

  it('shows only a named set of images (an evaluation cell), with the other filters still applying', () => {
    expect(shown({ imageSet: { name: 'cat → missed', sha256s: new Set([sha(2), sha(5)]) } })).toEqual(['img2.jpg', 'img1.jpg']);
    expect(shown({ imageSet: { name: 'cat → missed', sha256s: new Set([sha(2), sha(5)]) }, review: 'reviewed' })).toEqual(['img1.jpg']);
  });

  it('sorts by name (numbers in names by value), date and score, either way', () => {
    expect(shown({}, { key: 'name', descending: false })).toEqual(['a.jpg', 'b.jpg', 'img1.jpg', 'img2.jpg', 'img10.jpg']);
    expect(shown({}, { key: 'date', descending: true })).toEqual(['img1.jpg', 'a.jpg', 'b.jpg', 'img2.jpg', 'img10.jpg']);
    // Unscored images last when best first; ties keep import order.
    expect(shown({}, { key: 'score', descending: true })).toEqual(['img10.jpg', 'img2.jpg', 'b.jpg', 'a.jpg', 'img1.jpg']);
  });

  it('counts images and annotations per label, most frequent first', () => {
    expect(labelCounts(images, summaries)).toEqual([
      { label: 'cat', images: 2, annotations: 2 },
      { label: 'car', images: 1, annotations: 1 },
      { label: 'dog', images: 1, annotations: 1 },
    ]);
    expect(sourcesPresent(summaries.values())).toEqual(['human:ana', 'import:coco', 'model:coco@1']);
  });

  it('filters 10,000 images with 100,000 annotations in one pass', () => {
    const many = Array.from({ length: 10_000 }, (_, n) => ({ ...image(1, `f${n}.jpg`), sha256: sha(n + 100) }));
    const big = new Map(many.map((i, n) => [i.sha256, summarize(i.sha256, Array.from({ length: 10 }, (_, k) => ({ ...ann(1, `l${(n + k) % 20}`, 'suggested', 'model:m@1', k / 10), imageSha256: i.sha256 })))]));
    const result = filterAndSort(many, big, { ...NO_FILTER, labels: ['l0'] }, { key: 'name', descending: false });
    expect(result).toHaveLength(5_000);
    expect(result[0]!.fileName).toBe('f0.jpg');
  });
});

describe('shift-click ranges', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  it('picks from the anchor to the target either way, inclusive', () => {
    expect(rangeBetween(order, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(rangeBetween(order, 'd', 'b')).toEqual(['b', 'c', 'd']);
  });
  it('picks just the target without an anchor in view', () => {
    expect(rangeBetween(order, null, 'c')).toEqual(['c']);
    expect(rangeBetween(order, 'zz', 'c')).toEqual(['c']);
    expect(rangeBetween(order, 'a', 'zz')).toEqual([]);
  });
});
