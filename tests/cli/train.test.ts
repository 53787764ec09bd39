// workbench train on generated scenes (fixture photos pasted on generated backgrounds: see tests/helpers/training-scenes),
// then the model it writes run by classify --model and chained after CenterNet by detect --relabel.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../src/domain/geometry';
import { cocoBoxes, scratch } from '../helpers/user-models';
import { augmentedCrops, generateScenes, scenesAsCoco, writeScenes } from '../helpers/training-scenes';
import { type Run, workbench } from '../helpers/workbench';

const LABELS = ['astronaut', 'cameraman', 'cat'];
const dir = scratch('workbench-train-');
const scenes = generateScenes({ seed: 31, count: 8, width: 320, height: 240 });
const heldOut = generateScenes({ seed: 32, count: 2, width: 320, height: 240, prefix: 'held' });
const model = join(dir, 'scene-labeller');
let run: Run;

beforeAll(async () => {
  writeScenes(join(dir, 'set'), scenes);
  writeFileSync(join(dir, 'set', 'annotations.json'), scenesAsCoco(scenes));
  writeScenes(dir, heldOut);
  run = await workbench('train', '--task', 'boxes', '--data', join(dir, 'set', 'annotations.json'), '--out', model, '--seed', '3', '--val', '0.25', '--min-examples', '4', '--epochs', '60');
});

describe('workbench train --task boxes', () => {
  it('prints the validation figures as JSON and writes the Teachable Machine files', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.labels.map((l: { label: string }) => l.label)).toEqual(LABELS);
    expect(summary.examples).toBe(scenes.reduce((n, s) => n + s.objects.length, 0));
    expect(summary.seed).toBe(3);
    expect(summary.val).toBe(0.25);
    expect(summary.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(summary.knnAccuracy).toBeGreaterThan(0);
    expect(Object.keys(summary.perClass)).toEqual(LABELS);
    expect(summary.confusion.labels).toEqual(LABELS);
    expect(summary.backbone).toMatchObject({ id: 'embedder-content-mobilenetv2', featureLayer: 'flatten_1', features: 1280 });
    expect(readdirSync(model).sort()).toEqual(['metadata.json', 'model.json', 'weights.bin']);
    const metadata = JSON.parse(readFileSync(join(model, 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ labels: LABELS, imageSize: 224, modelName: 'scene-labeller', packageName: 'recognition-workbench' });
    expect(metadata.userMetadata.workbench).toMatchObject({ kind: 'workbench-training', task: 'boxes', settings: { seed: 3, valFraction: 0.25 } });
  });

  it('classify --model runs it on a crop of each class', async () => {
    const crops = join(dir, 'crops');
    mkdirSync(crops, { recursive: true });
    const files = augmentedCrops({ seed: 2, perClass: 1, size: 224 })
      .filter((c) => LABELS.includes(c.label))
      .map((c) => {
        const png = new PNG({ width: c.pixels.width, height: c.pixels.height });
        png.data.set(c.pixels.data);
        const path = join(crops, `${c.label}.png`);
        writeFileSync(path, PNG.sync.write(png));
        return path;
      });
    const classified = await workbench('classify', '--model', model, ...files);
    expect(classified.code).toBe(0);
    const best = classified.stdout.trim().split('\n').map((line) => JSON.parse(line).labels[0].label);
    expect(best).toEqual(LABELS);
  });

  it('detect --relabel chains it after CenterNet: the boxes get the reviewer\'s labels, the output names both models', async () => {
    const paths = heldOut.map((s) => join(dir, s.fileName));
    const detected = await workbench('detect', ...paths, '--relabel', model);
    expect(detected.code).toBe(0);
    const coco = JSON.parse(detected.stdout);
    expect(coco.categories.map((c: { name: string }) => c.name)).toEqual(LABELS);
    expect(coco.info.model.id).toBe('coco-centernet');
    expect(coco.info.relabelled_by).toMatchObject({ id: 'scene-labeller', min_detector_score: 0.2 });
    let right = 0;
    let total = 0;
    for (const [i, scene] of heldOut.entries()) {
      const image = coco.images[i];
      const found = cocoBoxes(JSON.stringify({ ...coco, images: [image], annotations: coco.annotations.filter((a: { image_id: number }) => a.image_id === image.id) }));
      for (const object of scene.objects) {
        total++;
        if ((found[object.label] ?? []).some((box) => iou(box, object.box) >= 0.5)) right++;
      }
    }
    expect(right / total).toBeGreaterThanOrEqual(0.8);
    const csv = await workbench('detect', paths[0]!, '--relabel', model, '--format', 'csv');
    expect(csv.stdout).toContain(',suggested,model:coco-centernet@human-3.3.6>scene-labeller@');
  });
});

describe('workbench train --task tags', () => {
  it('trains an image classifier from a folder per class (ultralytics\' classify layout)', async () => {
    const root = join(dir, 'classify', 'train');
    for (const crop of augmentedCrops({ seed: 4, perClass: 5, size: 160 }).filter((c) => c.label !== 'rocket')) {
      mkdirSync(join(root, crop.label), { recursive: true });
      const png = new PNG({ width: crop.pixels.width, height: crop.pixels.height });
      png.data.set(crop.pixels.data);
      writeFileSync(join(root, crop.label, `${readdirSync(join(root, crop.label)).length}.png`), PNG.sync.write(png));
    }
    const trained = await workbench('train', '--task', 'tags', '--data', join(dir, 'classify'), '--out', join(dir, 'tagger'), '--min-examples', '4', '--epochs', '30');
    expect(trained.stderr).toBe('');
    const summary = JSON.parse(trained.stdout);
    expect(summary.task).toBe('tags');
    expect(summary.labels.map((l: { label: string; train: number; val: number }) => [l.label, l.train + l.val])).toEqual([
      ['astronaut', 5],
      ['cameraman', 5],
      ['cat', 5],
      ['horse', 5],
    ]);
  });
});

describe('workbench train, bad input', () => {
  it('refuses one class only, a class with too few examples, and names them; writes nothing', async () => {
    const oneClass = join(dir, 'one-class.json');
    const coco = JSON.parse(scenesAsCoco(scenes));
    writeFileSync(oneClass, JSON.stringify({ ...coco, annotations: coco.annotations.filter((a: { category_id: number }) => a.category_id === 1) }));
    writeScenes(dir, scenes);
    const out = join(dir, 'never');
    const one = await workbench('train', '--task', 'boxes', '--data', oneClass, '--out', out);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('Training needs at least two labels with at least 5 reviewed examples each; the reviewed examples carry one label only ("astronaut")');
    const few = await workbench('train', '--task', 'boxes', '--data', join(dir, 'set', 'annotations.json'), '--out', out, '--min-examples', '50');
    expect(few.code).toBe(1);
    expect(few.stderr).toMatch(/"astronaut" has \d+ examples, fewer than the 50 a class needs/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses usage mistakes with status 2', async () => {
    const noTask = await workbench('train', '--data', 'x.json', '--out', join(dir, 'x'));
    expect(noTask.code).toBe(2);
    expect(noTask.stderr).toContain('--task must be tags (an image classifier) or boxes (a box labeller)');
    const badVal = await workbench('train', '--task', 'tags', '--data', 'x.json', '--out', join(dir, 'x'), '--val', '1.5');
    expect(badVal.stderr).toContain('--val must be a share between 0 and 1');
    const used = await workbench('train', '--task', 'boxes', '--data', 'x.json', '--out', model);
    expect(used.code).toBe(2);
    expect(used.stderr).toContain('is a folder with files in it: give a new or empty folder');
  });

  it('--task tags on a set without tags says what it reads them from', async () => {
    const run = await workbench('train', '--task', 'tags', '--data', join(dir, 'set', 'annotations.json'), '--out', join(dir, 'tags'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('workbench: COCO file annotations.json: no image tags: --task tags trains on image-level labels (COCO images[].attributes.tags');
  });
});
