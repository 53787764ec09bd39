import { describe, expect, it } from 'vitest';
import type { Detection } from '../../src/domain/detection';
import { CocoExportError, toCoco } from '../../src/domain/formats/coco/export';

const labels = ['person', 'bicycle', 'car'];
const det = (classIndex: number, score: number, box: Detection['box']): Detection => ({ label: labels[classIndex]!, classIndex, score, box });

const entries = [
  {
    image: { id: 1, file_name: 'a.png', width: 100, height: 50, sha256: 'aa' },
    detections: [det(0, 0.61234567, { x: 1.234567, y: 2.345, w: 10.1049, h: 20 }), det(2, 0.5, { x: 50, y: 0, w: 50, h: 50 })],
  },
  { image: { id: 2, file_name: 'b.jpg', width: 30, height: 30, sha256: 'bb' }, detections: [] },
  { image: { id: 7, file_name: 'c.png', width: 10, height: 10, sha256: 'cc' }, detections: [det(2, 0.9, { x: 0, y: 0, w: 10, h: 10 })] },
];

describe('toCoco', () => {
  const coco = toCoco(entries, labels);

  it('lists every image as given, extra fields included', () => {
    expect(coco.images).toEqual([
      { id: 1, file_name: 'a.png', width: 100, height: 50, sha256: 'aa' },
      { id: 2, file_name: 'b.jpg', width: 30, height: 30, sha256: 'bb' },
      { id: 7, file_name: 'c.png', width: 10, height: 10, sha256: 'cc' },
    ]);
  });

  it('gives every label a category, id = label index + 1', () => {
    expect(coco.categories).toEqual([
      { id: 1, name: 'person' },
      { id: 2, name: 'bicycle' },
      { id: 3, name: 'car' },
    ]);
  });

  it('numbers annotations 1..N and links them to their image and category', () => {
    expect(coco.annotations.map((a) => [a.id, a.image_id, a.category_id])).toEqual([
      [1, 1, 1],
      [2, 1, 3],
      [3, 7, 3],
    ]);
    expect(coco.annotations.every((a) => a.iscrowd === 0)).toBe(true);
  });

  it('rounds boxes to 2 decimals and computes the area from the written box', () => {
    const first = coco.annotations[0]!;
    // x2 = 1.234567 + 10.1049 = 11.339467 → 11.34; width = 11.34 - 1.23
    expect(first.bbox).toEqual([1.23, 2.35, 10.11, 20]);
    expect(first.area).toBe(202.2);
    expect(first.score).toBe(0.6123);
    expect(coco.annotations[1]!.bbox).toEqual([50, 0, 50, 50]);
    expect(coco.annotations[1]!.area).toBe(2500);
  });

  it('keeps a box that ends at the image edge inside the image after rounding', () => {
    const [a] = toCoco(
      [{ image: { id: 1, file_name: 'x', width: 512, height: 512 }, detections: [det(0, 1, { x: 0.005, y: 0.125, w: 511.995, h: 511.875 })] }],
      labels,
    ).annotations;
    expect(a!.bbox[0] + a!.bbox[2]).toBeLessThanOrEqual(512);
    expect(a!.bbox[1] + a!.bbox[3]).toBeLessThanOrEqual(512);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(coco))).toEqual(coco);
  });

  it('refuses duplicate image ids', () => {
    expect(() => toCoco([entries[0]!, { ...entries[1]!, image: { ...entries[1]!.image, id: 1 } }], labels)).toThrow(CocoExportError);
  });

  it('refuses a detection whose class index is not its label', () => {
    const wrong = [{ image: entries[1]!.image, detections: [{ ...det(0, 0.5, { x: 0, y: 0, w: 1, h: 1 }), classIndex: 9 }] }];
    expect(() => toCoco(wrong, labels)).toThrow('b.jpg: detection "person" has class index 9');
  });

  it('writes an empty dataset with all categories for no images', () => {
    expect(toCoco([], labels)).toEqual({ images: [], annotations: [], categories: coco.categories });
  });
});
