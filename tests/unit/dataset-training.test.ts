import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/domain/dataset/errors';
import { importChanges, planImport } from '../../src/domain/dataset/match';
import type { Dataset } from '../../src/domain/dataset/model';
import { assignSplits } from '../../src/domain/dataset/split';
import { buildTrainingSet } from '../../src/domain/dataset/training-set';
import { filterAnnotations, mapClasses } from '../../src/domain/dataset/training';
import { bytesSource } from '../../src/domain/dataset/safe-zip';
import { unzipSet, zipSet } from '../../src/domain/dataset/zip';
import { sampleDataset } from './format-sample';

const images = Array.from({ length: 100 }, (_, i) => ({ fileName: `img${i}.jpg`, sha256: (i * 7919).toString(16).padStart(64, '0') }));
const ratios = { train: 0.7, val: 0.2, test: 0.1, seed: 42 };

describe('train/val/test split', () => {
  it('gives the same split for the same seed, whatever order the images come in', async () => {
    const a = await assignSplits(images, ratios);
    const b = await assignSplits([...images].reverse(), ratios);
    expect([...b].sort()).toEqual([...a].sort());
    const counts = [...a.values()].reduce<Record<string, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {});
    expect(counts).toEqual({ train: 70, val: 20, test: 10 });
  });

  it('gives a different split for another seed', async () => {
    const a = await assignSplits(images, ratios);
    const b = await assignSplits(images, { ...ratios, seed: 7 });
    expect(images.filter((i) => a.get(i.fileName) !== b.get(i.fileName)).length).toBeGreaterThan(10);
  });

  it('refuses ratios that are all 0 or negative', async () => {
    await expect(assignSplits(images, { ...ratios, train: 0, val: 0, test: 0 })).rejects.toThrow('split ratios must not all be 0');
    await expect(assignSplits(images, { ...ratios, val: -1 })).rejects.toThrow('at least 0');
  });
});

describe('training-set options', () => {
  const dataset = sampleDataset();

  it('keeps reviewed (accepted, edited) annotations only, or suggestions too above a threshold', () => {
    const labelsOf = (d: Dataset) => d.annotations.map((a) => a.label);
    expect(labelsOf(filterAnnotations(dataset, { include: 'reviewed', minScore: 0 }))).toEqual(['person', 'dog', 'person', 'sign, "stop"']);
    expect(labelsOf(filterAnnotations(dataset, { include: 'with-suggestions', minScore: 0.4 }))).toContain('car');
    expect(labelsOf(filterAnnotations(dataset, { include: 'with-suggestions', minScore: 0.5 }))).not.toContain('car');
    const rejected: Dataset = { ...dataset, annotations: [{ ...dataset.annotations[0]!, status: 'rejected' }] };
    expect(filterAnnotations(rejected, { include: 'with-suggestions', minScore: 0 }).annotations).toEqual([]);
  });

  it('renames, merges and drops classes; ids follow the first label of each new name', () => {
    const mapped = mapClasses(dataset, { person: 'human', dog: 'animal', car: 'animal', 'sign, "stop"': null });
    expect(mapped.labels).toEqual(['human', 'animal']);
    expect(mapped.annotations.map((a) => a.label)).toEqual(['human', 'animal', 'animal', 'human']);
  });

  it('writes YOLO with splits: data.yaml paths, label files per split, images in the zip, the same zip read back', async () => {
    const images = new Map(dataset.images.map((i) => [i.fileName, new TextEncoder().encode(`bytes of ${i.fileName}`)]));
    const set = await buildTrainingSet(dataset, { format: 'yolo', filter: { include: 'reviewed', minScore: 0 }, classes: {}, split: { train: 1, val: 1, test: 0, seed: 1 }, includeImages: true });
    expect(set.counts).toEqual({ train: 2, val: 2 });
    const zip = unzipSync(zipSet(set, images));
    const yaml = strFromU8(zip['data.yaml']!);
    expect(yaml).toContain('train: images/train\nval: images/val\nnc: 4\nnames:\n  0: person\n  1: car\n  2: dog\n');
    const split = (name: string) => (zip[`images/train/${name}`] ? 'train' : 'val');
    expect(strFromU8(zip[`images/${split('rocket.jpg')}/rocket.jpg`]!)).toBe('bytes of rocket.jpg');
    expect(strFromU8(zip[`labels/${split('rocket.jpg')}/rocket.txt`]!)).toBe('2 0.500000 0.500000 1.000000 1.000000\n0 0.969062 0.969087 0.061875 0.061827\n');
    expect(Object.keys(await unzipSet(bytesSource(zipSet(set, images)), 'x.zip')).sort()).toEqual(Object.keys(zip).sort());
  });
});

describe('import plan', () => {
  const dataset = sampleDataset();
  const project = [
    { sha256: 'a'.repeat(64), fileName: 'astronaut.png', width: 512, height: 512 },
    { sha256: 'b'.repeat(64), fileName: 'rocket.jpg', width: 640, height: 427 },
  ];
  const bundled = new Map([['street, "main".jpg', { width: 300, height: 200, path: 'images/street, "main".jpg' }]]);

  it('matches by file name, brings missing images from the set, lists new labels', () => {
    const plan = planImport('coco', dataset, project, bundled, ['person']);
    expect([...plan.matched.keys()]).toEqual(['astronaut.png', 'rocket.jpg']);
    expect([...plan.fromSet.keys()]).toEqual(['street, "main".jpg']);
    expect(plan.unmatched).toEqual(['empty.png']);
    expect(plan.newLabels).toEqual(['car', 'dog', 'sign, "stop"']);
    const changes = importChanges(plan, (f) => plan.matched.get(f)?.sha256 ?? 'c'.repeat(64), 'human:ann', '2026-01-01T00:00:00Z', () => crypto.randomUUID());
    expect(changes.map((c) => [c.imageSha256[0], c.action, c.after.length])).toEqual([
      ['a', 'create', 2],
      ['b', 'create', 2],
      ['c', 'create', 1],
    ]);
    expect(changes.flatMap((c) => c.after).every((a) => a.source === 'import:coco' && a.status === 'accepted')).toBe(true);
  });

  it('refuses the whole set when an annotated image is in neither the project nor the set, or its size differs', () => {
    const bigger = [{ ...project[0]!, width: 1024 }, project[1]!];
    try {
      planImport('coco', dataset, bigger, new Map(), []);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as DatasetError).problems.map((p) => p.message)).toEqual([
        'astronaut.png is 512 × 512 in the set but 1024 × 512 in the project',
        'street, "main".jpg is not in the project (import the image first, or bring it in the zip)',
      ]);
    }
  });
});
