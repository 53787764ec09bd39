import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import { exportDataset } from '../../src/domain/dataset/codec';
import { SUMMARY_NAMES } from '../../src/domain/eval/coco-metrics';
import { evaluationFiles } from '../../src/domain/eval/coco-output';
import { evaluateDetections } from '../../src/domain/eval/evaluate';
import { projectEvaluationSet } from '../../src/domain/eval/from-project';
import { evaluationJson } from '../../src/domain/eval/report-json';
import { toCoco } from '../../src/domain/formats/coco/export';
import type { ImageRecord } from '../../src/domain/image';
import type { PredictionRecord } from '../../src/domain/prediction';
import { CROSS_CHECK_SETS, generateSet } from '../helpers/eval-sets';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-evaluate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function files(name: string, texts: Record<string, string>): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) {
    paths[key] = join(dir, `${name}.${key}.json`);
    await writeFile(paths[key], text);
  }
  return paths;
}

const T0 = '2026-03-01T10:00:00.000Z';
const record = (sha256: string, fileName: string, width: number, height: number): ImageRecord => ({ sha256, fileName, type: 'image/jpeg', width, height, bytes: 1, importedAt: T0, review: 'reviewed' });
const annotation = (id: string, sha: string, label: string, box: [number, number, number, number], status: Annotation['status'], extra: Partial<Annotation> = {}): Annotation => ({
  id,
  imageSha256: sha,
  shape: { kind: 'bbox', box: { x: box[0], y: box[1], w: box[2], h: box[3] } },
  label,
  source: 'human:ana',
  status,
  createdAt: T0,
  updatedAt: T0,
  ...extra,
});
const prediction = (sha: string, detections: [string, number, [number, number, number, number]][]): PredictionRecord => ({
  key: `${sha}|run`,
  runKey: 'run',
  imageSha256: sha,
  modelId: 'coco-centernet',
  modelVersion: '1',
  weightsSha256: 'w',
  paramsHash: 'p',
  params: { scoreThreshold: 0.05, iouThreshold: 0.4, maxDetections: 100 },
  detections: detections.map(([label, score, [x, y, w, h]]) => ({ label, classIndex: 0, score, box: { x, y, w, h } })),
  backend: 'wasm',
  elapsedMs: 1,
  createdAt: T0,
});

describe('workbench evaluate', () => {
  it('prints COCOeval\'s twelve figures, the per-class table and the confusion matrix', async () => {
    const set = generateSet(CROSS_CHECK_SETS.crowded);
    const paths = await files('crowded', evaluationFiles(set.images, set.named, set.classes));
    const run = await workbench('evaluate', '--gt', paths.groundTruth!, '--pred', paths.results!);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = evaluateDetections(set.images, { iou: 0.5, threshold: 0.5 }, set.classes);
    expect(run.stdout).toContain(` Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ${report.summary.AP.toFixed(3)}`);
    expect(run.stdout).toContain(` Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = ${report.summary.AR1.toFixed(3)}`);
    expect(run.stdout).toMatch(/Per class at IoU 0\.50, score ≥ 0\.50:/);
    expect(run.stdout).toMatch(new RegExp(`class a +${report.classes.find((c) => c.label === 'class a')!.truths} `));
    expect(run.stdout).toMatch(/Confusion at IoU 0\.50.*\n.*\(missed\)/);
  });

  it('--json: the twelve figures at the top level and perClass.<name>, the same numbers the app computes for the same reviewed images', async () => {
    // A project: three reviewed images with accepted, edited, a person's own, rejected and undecided boxes, one tag,
    // and a cached run of the detector on them.
    const [a, b, c] = ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)];
    const data = [
      {
        image: record(a, 'photos/street.jpg', 640, 480),
        annotations: [
          annotation('1', a, 'person', [10, 10, 100, 200], 'accepted', { source: 'model:coco-centernet@1', score: 0.8 }),
          annotation('2', a, 'car', [300, 200, 150, 90], 'edited', { source: 'model:coco-centernet@1', score: 0.4 }),
          annotation('3', a, 'person', [500, 50, 40, 90], 'accepted'),
          annotation('4', a, 'dog', [200, 300, 60, 50], 'rejected', { source: 'model:coco-centernet@1', score: 0.3 }),
          annotation('5', a, 'bicycle', [0, 400, 50, 50], 'suggested', { source: 'model:coco-centernet@1', score: 0.2 }),
          annotation('6', a, 'Neutral', [0, 0, 640, 480], 'accepted', { scope: 'image' }),
        ],
        prediction: prediction(a, [['person', 0.8, [12, 8, 98, 205]], ['car', 0.4, [310, 195, 140, 95]], ['dog', 0.3, [200, 300, 60, 50]], ['bicycle', 0.2, [0, 400, 50, 50]]]),
      },
      {
        image: record(b, 'other/street.jpg', 320, 240),
        annotations: [annotation('7', b, 'car', [20, 20, 100, 60], 'accepted')],
        prediction: prediction(b, [['truck', 0.7, [22, 18, 100, 62]], ['car', 0.35, [150, 100, 50, 40]]]),
      },
      { image: record(c, 'empty.jpg', 100, 100), annotations: [], prediction: prediction(c, [['person', 0.9, [0, 0, 50, 50]]]) },
    ];
    const set = projectEvaluationSet(data);
    expect(set.named.map((n) => n.fileName)).toEqual(['street.jpg', `street-${'b'.repeat(8)}.jpg`, 'empty.jpg']);
    expect(set.undecided).toBe(1);
    const choice = { iou: 0.5, threshold: 0.3 };
    const app = evaluationJson([{ report: evaluateDetections(set.images, choice, set.classes), predictions: 'run' }], { groundTruth: 'project', notes: [], nameOf: (id) => set.nameOf.get(id)! });

    const paths = await files('project', evaluationFiles(set.images, set.named, set.classes));
    const run = await workbench('evaluate', '--gt', paths.groundTruth!, '--pred', paths.results!, '--threshold', '0.3', '--json');
    expect(run.stderr).toBe('');
    const cli = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const name of SUMMARY_NAMES) expect(typeof cli[name]).toBe('number');
    expect(Object.keys(cli.perClass as object).sort()).toEqual(['bicycle', 'car', 'dog', 'person', 'truck']);
    expect((cli.perClass as Record<string, object>).person).toMatchObject({ truths: 2, tp: 1, fn: 1, precision: 0.5 });
    expect({ ...cli, groundTruth: 'project', predictions: 'run' }).toEqual(app);
  });

  it('reads a COCO file with scores as `workbench detect` writes it, matching images by file name', async () => {
    const set = generateSet(CROSS_CHECK_SETS.easy);
    const { groundTruth } = evaluationFiles(set.images.slice(0, 20), set.named.slice(0, 20), set.classes);
    // Detect ran on images 5..29 given by path; ground truth has 0..19.
    const detected = set.images.slice(5).map((image, i) => ({
      image: { id: i + 1, file_name: `/data/photos/${image.id}`, width: 640, height: 480 },
      detections: image.predicted.map((p) => ({ label: p.label, classIndex: set.classes.indexOf(p.label), score: p.score, box: p.box })),
    }));
    const paths = await files('detect', { groundTruth, results: JSON.stringify(toCoco(detected, set.classes)) });
    const run = await workbench('evaluate', '--gt', paths.groundTruth!, '--pred', paths.results!, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('workbench: 10 predicted images not in the ground truth: left out');
    expect(run.stderr).toContain('workbench: 5 ground-truth images not in');
    const json = JSON.parse(run.stdout) as { images: number; AP50: number; notes: string[] };
    expect(json.images).toBe(15);
    expect(json.AP50).toBeGreaterThan(0.7);
    expect(json.notes).toHaveLength(2);
  });

  it('compares two runs, and reads ground truth in another format through the project\'s readers', async () => {
    const set = generateSet(CROSS_CHECK_SETS.easy);
    const voc = join(dir, 'voc');
    const dataset = {
      labels: set.classes,
      images: set.named.map((n) => ({ fileName: n.fileName, width: n.width, height: n.height })),
      annotations: set.images.flatMap((i) => i.truth.map((t) => ({ imageFileName: i.id, label: t.label, box: t.box }))),
    };
    for (const [path, text] of Object.entries(exportDataset('voc', dataset).files)) {
      await mkdir(join(voc, path, '..'), { recursive: true });
      await writeFile(join(voc, path), text);
    }
    const coco = (images: typeof set.images) =>
      JSON.stringify(
        toCoco(
          images.map((image, i) => ({ image: { id: i + 1, file_name: image.id, width: 640, height: 480 }, detections: image.predicted.map((p) => ({ ...p, classIndex: set.classes.indexOf(p.label) })) })),
          set.classes,
        ),
      );
    const worse = set.images.map((i) => ({ ...i, predicted: i.predicted.filter((_, k) => k % 2 === 0) }));
    const paths = await files('compare', { a: coco(set.images), b: coco(worse) });
    const run = await workbench('evaluate', '--gt', voc, '--pred', paths.a!, '--pred', paths.b!);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Difference, ${paths.b} minus ${paths.a}:`);
    expect(run.stdout).toMatch(/\(summary\) +-0\.\d{3}/); // the thinned-out run is worse
    expect(run.stdout.match(/Average Precision {2}\(AP\) @\[ IoU=0\.50:0\.95 \| area= {3}all/g)).toHaveLength(2);
  });

  it('evaluates image tags from `workbench classify` output against the ground truth\'s tags', async () => {
    const gt = { images: [1, 2, 3].map((id) => ({ id, file_name: `${id}.jpg`, width: 10, height: 10, attributes: { tags: [id === 3 ? 'Drawing' : 'Neutral'] } })), annotations: [], categories: [] };
    const lines = [
      { file: '/x/1.jpg', labels: [{ label: 'Neutral', score: 0.9 }] },
      { file: '/x/2.jpg', labels: [{ label: 'Drawing', score: 0.6 }, { label: 'Neutral', score: 0.4 }] },
      { file: '/x/3.jpg', labels: [{ label: 'Drawing', score: 0.8 }] },
    ];
    const paths = await files('tags', { gt: JSON.stringify(gt), pred: lines.map((l) => JSON.stringify(l)).join('\n') });
    const run = await workbench('evaluate', '--gt', paths.gt!, '--pred', paths.pred!, '--json');
    expect(run.stderr).toBe('');
    const { tags } = JSON.parse(run.stdout) as { tags: { exactMatch: number; top1: number; perTag: Record<string, { precision: number; recall: number }> } };
    expect(tags.exactMatch).toBeCloseTo(2 / 3, 12);
    expect(tags.top1).toBeCloseTo(2 / 3, 12);
    expect(tags.perTag.Neutral).toMatchObject({ precision: 1, recall: 0.5 });
    expect(tags.perTag.Drawing).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('refuses bad input with what is wrong and where, and bad usage with status 2', async () => {
    const set = generateSet(CROSS_CHECK_SETS.easy);
    const { groundTruth } = evaluationFiles(set.images, set.named, set.classes);
    const paths = await files('bad', {
      groundTruth,
      results: JSON.stringify([{ image_id: 1, category_id: 99, bbox: [0, 0, 10, 10], score: 0.5 }, { image_id: 999, category_id: 1, bbox: [0, 0, 10, 10], score: 0.5 }, { image_id: 1, category_id: 1, bbox: [0, 0, 10], score: 0.5 }]),
      truthAsPredictions: groundTruth,
      broken: '{"images": [\n  {"id": 1,\n',
    });
    const bad = await workbench('evaluate', '--gt', paths.groundTruth!, '--pred', paths.results!);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the dataset has 3 problems; nothing was evaluated');
    expect(bad.stderr).toContain(`${paths.results} ([0].category_id): category id 99 is not a category of the ground truth`);
    expect(bad.stderr).toContain(`${paths.results} ([1].image_id): image id 999 is not in the ground truth`);
    expect(bad.stderr).toContain(`${paths.results} ([2].bbox): bbox must be [x, y, width, height]`);
    expect(bad.stdout).toBe('');
    const unscored = await workbench('evaluate', '--gt', paths.groundTruth!, '--pred', paths.truthAsPredictions!);
    expect(unscored.stderr).toContain('(annotations[0].score): no score: predictions need one (is this the ground truth?)');
    const broken = await workbench('evaluate', '--gt', paths.broken!, '--pred', paths.results!);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`${paths.broken!.replace(/[.]/g, '\\.')} \\(line \\d\\): malformed JSON`));
    const usage = await workbench('evaluate', '--gt', paths.groundTruth!, '--iou', '1.5');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('evaluate needs --pred');
  });
});
