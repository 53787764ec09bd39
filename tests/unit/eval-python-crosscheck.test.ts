import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_NAMES } from '../../src/domain/eval/coco-metrics';
import { evaluationFiles } from '../../src/domain/eval/coco-output';
import { evaluateDetections } from '../../src/domain/eval/evaluate';
import { groundTruthFromCoco } from '../../src/domain/eval/ground-truth';
import { readPredictions } from '../../src/domain/eval/predictions';
import { CROSS_CHECK_SETS, generateSet } from '../helpers/eval-sets';
import { repoRoot } from '../helpers/fixtures';

interface Figures {
  stats: Record<string, number>;
  perClass: Record<string, { AP: number; AP50: number; AP75: number }>;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-python-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The same files through tests/python/coco_ap.py, written from COCOeval's description with the standard library only. */
async function python(gtPath: string, resultsPath: string): Promise<Figures> {
  const { stdout } = await promisify(execFile)('python3', [join(repoRoot, 'tests/python/coco_ap.py'), gtPath, resultsPath]);
  return JSON.parse(stdout) as Figures;
}

describe('COCO figures agree with an independent Python implementation to 1e-6', () => {
  for (const [name, shape] of Object.entries(CROSS_CHECK_SETS)) {
    it(`${name} set`, async () => {
      const set = generateSet(shape);
      const files = evaluationFiles(set.images, set.named, set.classes);
      const gtPath = join(dir, `${name}.json`);
      const resultsPath = join(dir, `${name}.results.json`);
      await writeFile(gtPath, files.groundTruth);
      await writeFile(resultsPath, files.results);

      // Ours, read the way `workbench evaluate` reads the files.
      const input = readPredictions(groundTruthFromCoco(files.groundTruth, gtPath), files.results, resultsPath);
      const ours = evaluateDetections(input.images, { iou: 0.5, threshold: 0.5 }, input.classes);
      const theirs = await python(gtPath, resultsPath);

      for (const key of SUMMARY_NAMES) expect(Math.abs(ours.summary[key] - theirs.stats[key]!), key).toBeLessThanOrEqual(1e-6);
      expect(Object.keys(theirs.perClass).sort()).toEqual(ours.classes.map((c) => c.label).sort());
      for (const c of ours.classes) {
        for (const key of ['AP', 'AP50', 'AP75'] as const) expect(Math.abs(c[key] - theirs.perClass[c.label]![key]), `${c.label} ${key}`).toBeLessThanOrEqual(1e-6);
      }
      // Sets worth checking: neither perfect nor hopeless, with crowd regions where named so.
      expect(ours.summary.AP).toBeGreaterThan(0.1);
      expect(ours.summary.AP).toBeLessThan(0.95);
      expect(ours.crowd > 0).toBe(name === 'crowd-regions');
    });
  }
});
