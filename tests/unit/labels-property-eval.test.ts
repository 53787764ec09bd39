// Labels named after object members ("constructor", "__proto__") must count like any other label in an evaluation
// (per-class figures, the report JSON, tag figures) and in the counts per zone (table and CSV).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDetections } from '../../src/domain/eval/evaluate';
import { detectionJson } from '../../src/domain/eval/report-json';
import { evaluateTags } from '../../src/domain/eval/tags';
import { countedLabels, countInZones } from '../../src/domain/geo/counts';
import { countsCsv } from '../../src/domain/formats/gpkg/counts';
import { normaliseLabel } from '../../src/domain/labels';

const RUNS = { numRuns: 40, seed: 7 };
const MEMBERS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf'];
const label = fc
  .oneof(fc.constantFrom(...MEMBERS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }))
  .map(normaliseLabel)
  .filter((l) => l !== '');
const labels = fc.uniqueArray(label, { minLength: 1, maxLength: 5 });

describe('labels named after object members, in evaluation and zone counts', () => {
  it('evaluation: one class per label, each truth found by its detection, the report keyed by every label', () => {
    fc.assert(
      fc.property(labels, (names) => {
        const images = [{ id: 'img', truth: names.map((l, i) => ({ label: l, box: { x: i * 50, y: 0, w: 40, h: 40 } })), predicted: names.map((l, i) => ({ label: l, box: { x: i * 50, y: 0, w: 40, h: 40 }, score: 0.9 })) }];
        const report = evaluateDetections(images, { iou: 0.5, threshold: 0.5 });
        expect(report.classes.map((c) => c.label).sort()).toEqual([...names].sort());
        for (const c of report.classes) {
          expect([c.label, c.tp, c.fp, c.fn]).toEqual([c.label, 1, 0, 0]);
          expect(c.AP).toBeCloseTo(1, 12);
        }
        const json = JSON.parse(JSON.stringify(detectionJson(report))) as { perClass: Record<string, { AP: number }> };
        expect(Object.keys(json.perClass).sort()).toEqual([...names].sort());
        for (const l of names) expect(Object.getOwnPropertyDescriptor(json.perClass, l)?.value.AP).toBeCloseTo(1, 12);
      }),
      RUNS,
    );
  });

  it('tag figures count member-named tags', () => {
    fc.assert(
      fc.property(labels, (names) => {
        const report = evaluateTags([{ id: 'a', truth: names, predicted: names.map((l) => ({ label: l, score: 0.9 })) }], 0.5);
        expect(report.tags.map((t) => [t.tag, t.tp]).sort()).toEqual(names.map((l) => [l, 1]).sort());
      }),
      RUNS,
    );
  });

  it('counts per zone: each label counted once, in the table and in the CSV read back', () => {
    fc.assert(
      fc.property(labels, (names) => {
        const zone = { name: 'parcel', polygons: [[[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]]]] };
        const counts = countInZones([zone] as never, names.map((l, i) => ({ label: l, centre: [10 + i, 10] as [number, number] })));
        expect(counts[0]!.total).toBe(names.length);
        const ordered = countedLabels(counts);
        expect([...ordered].sort()).toEqual([...names].sort());
        const csv = countsCsv(counts, ordered);
        const rows = csv.trim().split('\n');
        expect(rows).toHaveLength(2);
        expect(rows[1]!.endsWith(`,${names.length}`)).toBe(true);
        expect(rows[1]!.split(',').slice(1, -1).map(Number)).toEqual(ordered.map(() => 1));
      }),
      RUNS,
    );
  });
});
