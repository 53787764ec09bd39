import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { reviewedImages, truthOf } from '../../src/domain/eval/from-project';
import type { ImageRecord } from '../../src/domain/image';

const T0 = '2026-03-01T10:00:00.000Z';
const image = (n: number, review?: ImageRecord['review']): ImageRecord => ({ sha256: String(n).repeat(64), fileName: `${n}.png`, type: 'image/png', width: 10, height: 10, bytes: 1, importedAt: T0, ...(review ? { review } : {}) });
const annotation = (label: string, status: Annotation['status'], source: Annotation['source'], scope?: 'image'): Annotation => ({
  id: label,
  imageSha256: 'x',
  shape: { kind: 'bbox', box: { x: 1, y: 1, w: 2, h: 2 } },
  label,
  source,
  status,
  createdAt: T0,
  updatedAt: T0,
  ...(scope ? { scope } : {}),
});

describe('ground truth from a project', () => {
  it('is the images marked reviewed; the others in scope are counted', () => {
    const images = [image(1, 'reviewed'), image(2, 'in-progress'), image(3), image(4, 'reviewed')];
    expect(reviewedImages(images, null)).toEqual({ reviewed: [images[0], images[3]], notReviewed: 2 });
    expect(reviewedImages(images, new Set([images[1]!.sha256, images[3]!.sha256]))).toEqual({ reviewed: [images[3]], notReviewed: 1 });
  });

  it("takes boxes and tags a person accepted, edited or drew; leaves rejected ones out and counts undecided suggestions", () => {
    const truth = truthOf([
      annotation('accepted', 'accepted', 'model:m@1'),
      annotation('edited', 'edited', 'model:m@1'),
      annotation('drawn', 'accepted', 'human:ana'),
      annotation('imported', 'accepted', 'import:coco'),
      annotation('rejected', 'rejected', 'model:m@1'),
      annotation('undecided', 'suggested', 'model:m@1'),
      annotation('Neutral', 'accepted', 'model:c@1', 'image'),
      annotation('Drawing', 'rejected', 'model:c@1', 'image'),
    ]);
    expect(truth.boxes.map((b) => b.label)).toEqual(['accepted', 'edited', 'drawn', 'imported']);
    expect(truth.tags).toEqual(['Neutral']);
    expect(truth.undecided).toBe(1);
  });
});
