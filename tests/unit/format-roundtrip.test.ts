import { describe, expect, it } from 'vitest';
import { exportDataset, importDataset } from '../../src/domain/dataset/codec';
import type { Dataset, DatasetFormat } from '../../src/domain/dataset/model';
import { sampleDataset } from './format-sample';

const known = (d: Dataset) => new Map(d.images.map((i) => [i.fileName, { width: i.width, height: i.height }]));

function roundTrip(format: DatasetFormat, dataset: Dataset): Dataset {
  const { files } = exportDataset(format, dataset);
  return importDataset(format, files, known(dataset));
}

/** Each box, as [image, label, x, y, w, h], in a stable order. */
const boxes = (d: Dataset) =>
  d.annotations
    .map((a) => [a.imageFileName, a.label, a.box.x, a.box.y, a.box.w, a.box.h] as const)
    .sort((a, b) => `${a[0]}${a[1]}${a[2]}`.localeCompare(`${b[0]}${b[1]}${b[2]}`));

function expectSameBoxes(actual: Dataset, expected: Dataset, tolerance: number) {
  const a = boxes(actual);
  const e = boxes(expected);
  expect(a.map((b) => b.slice(0, 2))).toEqual(e.map((b) => b.slice(0, 2)));
  a.forEach((box, i) => {
    for (let k = 2; k < 6; k++) expect(Math.abs((box[k] as number) - (e[i]![k] as number))).toBeLessThanOrEqual(tolerance);
  });
}

describe('export → import gives the same annotations, up to each format’s precision', () => {
  const dataset = sampleDataset();

  it('COCO: boxes to 0.01 px, score, status, source, tags and category order kept', () => {
    const back = roundTrip('coco', dataset);
    expectSameBoxes(back, dataset, 0.01);
    expect(back.labels).toEqual(dataset.labels);
    expect(back.images.map((i) => [i.fileName, i.width, i.height, i.tags ?? []])).toEqual(dataset.images.map((i) => [i.fileName, i.width, i.height, i.tags ?? []]));
    const suggested = back.annotations.find((a) => a.status === 'suggested')!;
    expect(suggested).toMatchObject({ label: 'car', score: 0.4321, source: 'model:coco-centernet@1' });
  });

  it('YOLO: boxes within 1e-6 of the image size (6 decimals), class order kept', () => {
    const back = roundTrip('yolo', dataset);
    expectSameBoxes(back, dataset, 1e-6 * 640);
    expect(back.labels).toEqual(dataset.labels);
  });

  it('VOC: corners to the nearest whole pixel', () => {
    const back = roundTrip('voc', dataset);
    expectSameBoxes(back, dataset, 1);
    const a = back.annotations.find((x) => x.label === 'dog')!;
    expect(a.box).toEqual({ x: 0, y: 0, w: 640, h: 427 }); // a box covering the whole image stays whole
  });

  it('CSV: boxes to 0.01 px, with score, status, source, tags and odd names quoted', () => {
    const back = roundTrip('csv', dataset);
    expectSameBoxes(back, dataset, 0.01);
    expect(back.annotations.find((a) => a.label === 'sign, "stop"')?.imageFileName).toBe('street, "main".jpg');
    expect(back.images.find((i) => i.fileName === 'empty.png')).toMatchObject({ width: 30, height: 20, tags: ['Neutral'] });
    expect(back.annotations.find((a) => a.status === 'suggested')).toMatchObject({ score: 0.4321, source: 'model:coco-centernet@1' });
  });
});
