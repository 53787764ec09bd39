import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../src/domain/geometry';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { fixturePath, readFixture } from '../helpers/fixtures';
import { cocoBoxes, HORSE_EXPECTED, scratch, TM_CLASSES, writeEinsumClassifier, writeFeatureMapModel, writeTeachableClassifier, writeYoloSilhouette } from '../helpers/user-models';
import { workbench } from '../helpers/workbench';

const root = scratch('workbench-cli-models-');
const yolo = join(root, 'silhouette_web_model');
beforeAll(() => writeYoloSilhouette(yolo));

/** horse.png pasted on a 1000 × 400 mid-grey canvas at (450, 40): tiles of 320 px cut the horse. */
function horseOnGrey(path: string): void {
  const horse = PNG.sync.read(Buffer.from(readFixture('horse.png')));
  const out = new PNG({ width: 1000, height: 400 });
  for (let i = 0; i < 1000 * 400; i++) out.data.set([128, 128, 128, 255], i * 4);
  for (let y = 0; y < horse.height; y++) horse.data.copy(out.data, ((y + 40) * 1000 + 450) * 4, y * horse.width * 4, (y + 1) * horse.width * 4);
  writeFileSync(path, PNG.sync.write(out));
}

/** The manifest "workbench models <folder> --json" proposed for the silhouette model (set by the test that asks). */
let proposed: ModelManifest | undefined;

const shifted = (box: { x: number; y: number; w: number; h: number }, dx: number, dy: number) => ({ ...box, x: box.x + dx, y: box.y + dy });

describe('workbench detect --model <a model someone brought>', () => {
  it('reads the folder, proposes as the app does and finds the horse and the canvas', async () => {
    const run = await workbench('detect', '--model', yolo, fixturePath('horse.png'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const boxes = cocoBoxes(run.stdout);
    for (const [label, box] of Object.entries(HORSE_EXPECTED)) expect(iou(boxes[label]![0]!, box)).toBeGreaterThan(0.97);
    const info = JSON.parse(run.stdout).info;
    expect(info.model).toMatchObject({ id: 'silhouette', name: 'silhouette', backend: 'wasm' });
    expect(info.model.version).toBe(info.model.weights_sha256.slice(0, 12));
  });

  it('takes the model.json or a zip as well, and tiles a large image, merging the horse cut by tile borders', async () => {
    const zip = join(root, 'silhouette.zip');
    const files = writeYoloSilhouette(join(root, 'zipped'));
    writeFileSync(zip, zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [`silhouette_web_model/${n}`, b]))));
    const wide = join(root, 'horse-on-grey.png');
    horseOnGrey(wide);
    const [byJson, byZip] = await Promise.all([
      workbench('detect', '--model', join(yolo, 'model.json'), '--tile', '320', wide),
      workbench('detect', '--model', zip, '--tile', '320', wide),
    ]);
    for (const run of [byJson, byZip]) {
      expect(run.code).toBe(0);
      const boxes = cocoBoxes(run.stdout);
      expect(boxes.silhouette).toHaveLength(1);
      expect(iou(boxes.silhouette![0]!, shifted(HORSE_EXPECTED.silhouette, 450, 40))).toBeGreaterThan(0.97);
      expect(iou(boxes.canvas![0]!, shifted(HORSE_EXPECTED.canvas, 450, 40))).toBeGreaterThan(0.97);
      expect(JSON.parse(run.stdout).images[0].tiles).toBe(8);
    }
  });

  it('"models <folder> --json" prints the proposed manifest; --manifest pins an edited one', async () => {
    const listed = await workbench('models', yolo, '--json');
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    proposed = lines.at(-1) as ModelManifest;
    expect(proposed).toMatchObject({ id: 'silhouette', task: 'detect', decoder: { name: 'yolov8' }, preprocessing: { resize: 'letterbox', padValue: 114 } });
    const pinned = join(root, 'pinned.json');
    writeFileSync(pinned, JSON.stringify({ ...proposed, id: 'outlines', labels: ['outline', 'paper'] }));
    const run = await workbench('detect', '--model', yolo, '--manifest', pinned, fixturePath('horse.png'));
    expect(run.code).toBe(0);
    expect(Object.keys(cocoBoxes(run.stdout)).sort()).toEqual(['outline', 'paper']);
    expect(JSON.parse(run.stdout).info.model.id).toBe('outlines');
  });
});

describe('workbench classify --model <a Teachable Machine folder>', () => {
  it('tags each photo with the class it was trained on', async () => {
    const dir = join(root, 'tm');
    await writeTeachableClassifier(dir);
    const files = Object.values(TM_CLASSES).map(fixturePath);
    const run = await workbench('classify', '--model', dir, ...files);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { labels: { label: string }[] });
    expect(lines.map((l) => l.labels[0]!.label)).toEqual(Object.keys(TM_CLASSES));
  });
});

describe('models that cannot be used as they are', () => {
  it('model.json without its shard: exit 1, the shard named', async () => {
    const dir = join(root, 'no-shard');
    writeYoloSilhouette(dir);
    rmSync(join(dir, 'group1-shard1of1.bin'));
    const run = await workbench('detect', '--model', dir, fixturePath('horse.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`workbench: ${dir}: model.json lists group1-shard1of1.bin, which is not among the files given (metadata.yaml, model.json)\n`);
  });

  it('weights that do not match the pinned manifest: the file named', async () => {
    const pinned = join(root, 'pin.json');
    writeFileSync(pinned, JSON.stringify(proposed ?? JSON.parse((await workbench('models', yolo, '--json')).stdout.trim().split('\n').at(-1)!)));
    const dir = join(root, 'retrained');
    const files = writeYoloSilhouette(dir);
    const shard = Uint8Array.from(files['group1-shard1of1.bin']!);
    shard[8]! ^= 0xff;
    writeFileSync(join(dir, 'group1-shard1of1.bin'), shard);
    const run = await workbench('detect', '--model', dir, '--manifest', pinned, fixturePath('horse.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^workbench: .*retrained: group1-shard1of1\.bin does not match manifest\.json \(SHA-256 [0-9a-f]{12}…, manifest\.json says [0-9a-f]{12}…\)/);
  });

  it('an op WASM lacks: says so and runs on CPU', async () => {
    const dir = join(root, 'einsum');
    writeEinsumClassifier(dir);
    const run = await workbench('classify', '--model', dir, fixturePath('horse.png'));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('workbench: einsum: wasm skipped: the wasm backend lacks the op Einsum\n');
  });

  it('outputs no decoder reads: the shapes shown, and how to pin a manifest', async () => {
    const dir = join(root, 'feature-map');
    writeFeatureMapModel(dir);
    const run = await workbench('detect', '--model', dir, fixturePath('horse.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no decoder fits the model's outputs: Identity [1, 8, 8, 3]");
    expect(run.stderr).toContain('give it with --manifest');
  });

  it('an unknown id that is not a path is a usage error naming both ways', async () => {
    const run = await workbench('detect', '--model', 'vehicles', fixturePath('horse.png'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown model "vehicles" (known: coco-centernet, face-blazeface, content-mobilenetv2); or give a model\'s folder, its model.json or a .zip');
  });
});
