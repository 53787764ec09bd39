import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassifyLine } from '../../src/cli/commands/classify';
import { fixturePath, readFixture } from '../helpers/fixtures';
import { type Run, workbench } from '../helpers/workbench';

const LABELS = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const lines = (stdout: string): ClassifyLine[] => stdout.trim().split('\n').map((line) => JSON.parse(line) as ClassifyLine);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-classify-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench classify', () => {
  let run: Run;
  const astronaut = fixturePath('astronaut.png');
  const rocket = fixturePath('rocket.jpg');
  let empty: string;
  let fake: string;
  let missing: string;

  beforeAll(async () => {
    empty = join(dir, 'empty.jpg');
    fake = join(dir, 'notes.png');
    missing = join(dir, 'missing.png');
    await writeFile(empty, '');
    await writeFile(fake, 'these are notes, not a PNG\n');
    run = await workbench('classify', astronaut, empty, rocket, fake, missing);
  });

  it('exits 1 and names each bad file with its reason on stderr', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`workbench: ${empty}: empty file (0 bytes)`);
    expect(run.stderr).toContain(`workbench: ${fake}: not an image: unrecognised file signature (starts with text "these ar")`);
    expect(run.stderr).toContain(`workbench: ${missing}: no such file`);
    expect(run.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('prints one JSON object per good image, in order, with its hash and size', () => {
    const out = lines(run.stdout);
    expect(out.map((l) => [l.file, l.width, l.height])).toEqual([
      [astronaut, 512, 512],
      [rocket, 640, 427],
    ]);
    expect(out[0]!.sha256).toBe(sha256(readFixture('astronaut.png')));
    expect(out[1]!.sha256).toBe(sha256(readFixture('rocket.jpg')));
    expect(Object.keys(out[0]!).sort()).toEqual(['file', 'height', 'labels', 'sha256', 'width']);
  });

  it('labels the astronaut Neutral and the rocket a Drawing, every label once, best first', () => {
    const [astronautLine, rocketLine] = lines(run.stdout);
    expect(astronautLine!.labels[0]!.label).toBe('Neutral');
    expect(astronautLine!.labels[0]!.score).toBeGreaterThanOrEqual(0.9);
    expect(rocketLine!.labels[0]!.label).toBe('Drawing');
    for (const { labels } of [astronautLine!, rocketLine!]) {
      expect(labels.map((l) => l.label).sort()).toEqual(LABELS);
      for (let i = 1; i < labels.length; i++) expect(labels[i]!.score).toBeLessThanOrEqual(labels[i - 1]!.score);
      expect(labels.reduce((sum, l) => sum + l.score, 0)).toBeCloseTo(1, 3);
    }
  });

  it('prints only the best labels with --top, and exits 0 when every file is good', async () => {
    const top = await workbench('classify', fixturePath('chelsea.png'), '--top', '2', '--model', 'content-mobilenetv2');
    expect(top.code).toBe(0);
    expect(top.stderr).toBe('');
    const [line] = lines(top.stdout);
    expect(line!.labels).toHaveLength(2);
    expect(line!.labels[0]!.label).toBe('Neutral');
  });
});

describe('workbench classify usage', () => {
  it.each([
    [['classify'], /classify needs at least one image file/],
    [['classify', 'x.png', '--top', '0'], /--top must be a whole number of at least 1, got "0"/],
    [['classify', 'x.png', '--top', 'three'], /--top must be a whole number of at least 1, got "three"/],
    [['classify', 'x.png', '--model', 'yolo'], /unknown model "yolo" \(classifiers: content-mobilenetv2\)/],
    [['classify', 'x.png', '--model', 'coco-centernet'], /model "coco-centernet" is a detect model, not a classifier \(classifiers: content-mobilenetv2\)/],
    [['detect', fixturePath('horse.png'), '--model', 'content-mobilenetv2'], /model "content-mobilenetv2" is a classify model, not a detector/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stdout, stderr } = await workbench(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('is described in --help', async () => {
    const { stdout } = await workbench('--help');
    expect(stdout).toContain('classify <image files...>');
    expect(stdout).toContain('--top <n>');
  });
});
