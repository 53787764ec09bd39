import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CocoDataset, CocoImage } from '../../src/domain/formats/coco/types';
import { iou } from '../../src/domain/geometry';
import { fixturePath } from '../helpers/fixtures';
import { type Run, workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench detect', () => {
  let run: Run;
  let coco: CocoDataset<CocoImage & { sha256: string }>;
  const astronaut = fixturePath('astronaut.png');
  const rocket = fixturePath('rocket.jpg');
  let empty: string;
  let fake: string;

  beforeAll(async () => {
    empty = join(dir, 'empty.png');
    fake = join(dir, 'fake.jpg');
    await writeFile(empty, '');
    await writeFile(fake, 'this is a text file, not a JPEG\n');
    const out = join(dir, 'results.json');
    run = await workbench('detect', astronaut, empty, rocket, fake, '--out', out);
    coco = JSON.parse(await readFile(out, 'utf8'));
  });

  it('exits 1 and names each bad file with its reason', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`workbench: ${empty}: empty file (0 bytes)`);
    expect(run.stderr).toContain(`workbench: ${fake}: not an image: unrecognised file signature (starts with text "this is")`);
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
    expect(run.stdout).toBe('');
  });

  it('writes COCO JSON for the two good images, with their hashes', () => {
    expect(coco.images.map((i) => [i.file_name, i.width, i.height])).toEqual([
      [astronaut, 512, 512],
      [rocket, 640, 427],
    ]);
    expect(coco.images.every((i) => /^[0-9a-f]{64}$/.test(i.sha256))).toBe(true);
    expect(coco.images[0]!.sha256).not.toBe(coco.images[1]!.sha256);
  });

  it('finds the astronaut as a person', () => {
    const person = coco.categories.find((c) => c.name === 'person');
    expect(person).toEqual({ id: 1, name: 'person' });
    const astronautId = coco.images[0]!.id;
    const people = coco.annotations.filter((a) => a.image_id === astronautId && a.category_id === person!.id);
    expect(people.length).toBeGreaterThanOrEqual(1);
    const [x, y, w, h] = people[0]!.bbox;
    expect(iou({ x, y, w, h }, { x: 8, y: 9, w: 361, h: 511 })).toBeGreaterThanOrEqual(0.8);
  });

  it('uses unique ids and keeps every box inside its image', () => {
    const unique = (ids: number[]) => new Set(ids).size === ids.length;
    expect(unique(coco.images.map((i) => i.id))).toBe(true);
    expect(unique(coco.annotations.map((a) => a.id))).toBe(true);
    expect(unique(coco.categories.map((c) => c.id))).toBe(true);
    expect(coco.categories).toHaveLength(80);
    for (const a of coco.annotations) {
      const image = coco.images.find((i) => i.id === a.image_id);
      expect(image).toBeDefined();
      expect(coco.categories.some((c) => c.id === a.category_id)).toBe(true);
      const [x, y, w, h] = a.bbox;
      expect(x >= 0 && y >= 0 && w > 0 && h > 0).toBe(true);
      expect(x + w).toBeLessThanOrEqual(image!.width);
      expect(y + h).toBeLessThanOrEqual(image!.height);
      expect(a.area).toBeCloseTo(w * h, 1);
    }
  });

  it('writes to standard output without --out, honours --threshold, and times images with --verbose', async () => {
    const strict = await workbench('detect', fixturePath('horse.png'), '--model', 'face-blazeface', '--threshold', '0.9', '--verbose');
    expect(strict.code).toBe(0);
    const result = JSON.parse(strict.stdout) as CocoDataset;
    expect(result.categories).toEqual([{ id: 1, name: 'face' }]);
    expect(result.annotations).toEqual([]);
    expect(strict.stderr).toMatch(/horse\.png: 400×328, 0 detections, .*inference \d+ ms.*total \d+ ms \(wasm\)/);
  });
});

describe('workbench usage', () => {
  it('lists the bundled models', async () => {
    const { code, stdout } = await workbench('models');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^coco-centernet\s+detect\s+.*80 labels/m);
    expect(stdout).toMatch(/^face-blazeface\s+detect\s+.*1 label\b/m);
    expect(stdout).toMatch(/^content-mobilenetv2\s+classify\s+.*5 labels, licence: MIT\)/m);
  });

  it('lists the models as JSON lines', async () => {
    const { stdout } = await workbench('models', '--json');
    const models = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(models.map((m) => [m.id, m.task, m.labels])).toEqual([
      ['coco-centernet', 'detect', 80],
      ['face-blazeface', 'detect', 1],
      ['content-mobilenetv2', 'classify', 5],
    ]);
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
    [['detect'], /detect needs at least one image file/],
    [['detect', 'x.png', '--bogus'], /Unknown option '--bogus'/],
    [['detect', 'x.png', '--threshold', 'high'], /--threshold must be a number from 0 to 1/],
    [['detect', 'x.png', '--model', 'yolo'], /unknown model "yolo" \(known: coco-centernet, face-blazeface, content-mobilenetv2\)/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await workbench(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await workbench('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: workbench <command>/);
    expect(stdout).toContain('detect <image files...>');
  });
});
