// Labels and file names are user text: object member names ("constructor", "__proto__") and any Unicode must
// behave like every other label through import, the gallery filter, export (with a class map) and the editor.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { relabel } from '../../src/domain/annotation-ops';
import { exportDataset, importDataset } from '../../src/domain/dataset/codec';
import { DATASET_FORMATS, type Dataset } from '../../src/domain/dataset/model';
import { buildTrainingSet } from '../../src/domain/dataset/training-set';
import { filterAndSort, labelCounts, NO_FILTER, DEFAULT_SORT, summarize, type ImageSummary } from '../../src/domain/gallery-filter';
import type { ImageRecord } from '../../src/domain/image';
import { matchLabels, normaliseLabel, withLabels } from '../../src/domain/labels';
import { parseSimpleYaml } from '../../src/domain/formats/yolo/yaml';
import { parseXml } from '../../src/domain/formats/voc/xml';

/** Fixed budget: CI stays fast, the seed makes a failure reproducible. */
const RUNS = { numRuns: 60, seed: 20 };

const MEMBERS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];

/** A label as the app keeps it (normalised, not empty): member names, or random printable Unicode. */
const label = fc
  .oneof(fc.constantFrom(...MEMBERS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }))
  .map(normaliseLabel)
  .filter((l) => l !== '');
const labels = fc.uniqueArray(label, { minLength: 1, maxLength: 5 });

/** An image file name made of a label-like stem (member names included) and an extension. */
const fileNames = fc.uniqueArray(
  fc.oneof(fc.constantFrom(...MEMBERS), fc.stringMatching(/^[\p{L}\p{N}_=+@ -]{1,10}$/u)).map((s) => `${s.trim() || 'x'}.png`),
  { minLength: 1, maxLength: 4, selector: (n) => n.replace(/\.png$/, '').toLowerCase() },
);

function datasetOf(names: string[], imageNames: string[]): Dataset {
  return {
    labels: names,
    images: imageNames.map((fileName) => ({ fileName, width: 100, height: 80 })),
    annotations: names.map((l, i) => ({ imageFileName: imageNames[i % imageNames.length]!, label: l, box: { x: i, y: i, w: 10, h: 10 }, status: 'accepted' as const })),
  };
}

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe('labels named after object members or made of any Unicode', () => {
  it('export and import: every format gives the same labels and boxes back', () => {
    fc.assert(
      fc.property(labels, fileNames, (names, imageNames) => {
        const dataset = datasetOf(names, imageNames);
        const known = new Map(imageNames.map((n) => [n, { width: 100, height: 80 }]));
        for (const format of DATASET_FORMATS) {
          const back = importDataset(format, exportDataset(format, dataset).files, known);
          expect(new Set(back.labels), format).toEqual(new Set(names));
          const pairs = (d: Dataset) => d.annotations.map((a) => `${a.imageFileName}\u0000${a.label}`).sort();
          expect(pairs(back), format).toEqual(pairs(dataset));
        }
      }),
      RUNS,
    );
  });

  it('export with a class map that renames and drops member-named labels', async () => {
    await fc.assert(
      fc.asyncProperty(labels, label, async (names, renamed) => {
        const dataset = datasetOf(names, ['a.png']);
        const [first, ...rest] = names;
        // An ordinary object, as a class map read back from JSON would be: "constructor" is there before it is set.
        const classes: Record<string, string | null> = Object.fromEntries([[first!, renamed], ...rest.slice(0, 1).map((l) => [l, null] as const)]);
        for (const format of DATASET_FORMATS) {
          const set = await buildTrainingSet(dataset, { format, filter: { include: 'reviewed', minScore: 0 }, classes, includeImages: false });
          const kept = names.slice(1).filter((l) => l !== rest[0]);
          expect(set.dataset.labels, format).toEqual([...new Set([renamed, ...kept])]);
        }
      }),
      RUNS,
    );
  });

  it('the gallery filter finds each label, and counts every one', () => {
    fc.assert(
      fc.property(labels, (names) => {
        const images: ImageRecord[] = names.map((_, i) => ({ sha256: sha(i + 1), fileName: `${i}.png`, type: 'image/png', width: 10, height: 10, bytes: 1, importedAt: `t${i}` }));
        const annotations = names.map(
          (l, i): Annotation => ({ id: `a${i}`, imageSha256: sha(i + 1), shape: { kind: 'bbox', box: { x: 0, y: 0, w: 1, h: 1 } }, label: l, source: 'human:x', status: 'accepted', createdAt: 't', updatedAt: 't' }),
        );
        // A summary as it comes back from IndexedDB or JSON: an ordinary object, with Object.prototype.
        const summaries = new Map<string, ImageSummary>(
          images.map((image, i) => [image.sha256, JSON.parse(JSON.stringify(summarize(image.sha256, [annotations[i]!]))) as ImageSummary]),
        );
        names.forEach((l, i) => {
          const shown = filterAndSort(images, summaries, { ...NO_FILTER, labels: [l] }, DEFAULT_SORT);
          expect(shown.map((s) => s.sha256)).toEqual([sha(i + 1)]);
        });
        expect(labelCounts(images, summaries).map((c) => [c.label, c.images, c.annotations]).sort()).toEqual(names.map((l) => [l, 1, 1]).sort());
      }),
      RUNS,
    );
  });

  it('the editor: relabel, the label set and the type-ahead picker treat them as text', () => {
    fc.assert(
      fc.property(labels, label, (names, next) => {
        const set = withLabels([], names);
        expect(set).toEqual(names);
        for (const l of names) expect(matchLabels(set, l)).toContain(l);
        const box: Annotation = { id: 'a', imageSha256: sha(1), shape: { kind: 'bbox', box: { x: 0, y: 0, w: 1, h: 1 } }, label: names[0]!, source: 'model:m@1', score: 0.5, status: 'suggested', createdAt: 't', updatedAt: 't' };
        const outcome = relabel(box, next, { actor: 'human:x', now: 't2' });
        if (next === names[0]) expect(outcome.ok).toBe(false);
        else {
          expect(outcome.ok).toBe(true);
          if (outcome.ok) expect(outcome.change.after[0]!.label).toBe(next);
        }
      }),
      RUNS,
    );
  });
});

describe('member names as keys in the readers', () => {
  it('YAML: a key __proto__ or constructor is a key like any other', () => {
    const yaml = parseSimpleYaml('__proto__: 1\nconstructor: 2\nnames:\n  0: toString\n  1: __proto__\n', 'data.yaml');
    expect(Object.keys(yaml)).toEqual(['__proto__', 'constructor', 'names']);
    expect(yaml.constructor).toBe('2');
    expect(Object.entries(yaml.names as object)).toEqual([
      ['0', 'toString'],
      ['1', '__proto__'],
    ]);
  });

  it('VOC: &constructor; is an unknown entity, not a function', () => {
    expect(() => parseXml('<a>&constructor;</a>', 'a.xml')).toThrow('a.xml (line 1): malformed XML: unknown entity &constructor;');
    expect(parseXml('<a __proto__="x" constructor="y"/>', 'a.xml').attributes.constructor).toBe('y');
  });
});
