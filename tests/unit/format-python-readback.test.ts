import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrainingSet } from '../../src/domain/dataset/training-set';
import type { DatasetFormat, TextFiles } from '../../src/domain/dataset/model';
import { repoRoot } from '../helpers/fixtures';
import { sampleDataset } from './format-sample';

/** Runs one of the stdlib-only Python checkers in tests/python on what the exporters wrote. */
async function python(checker: string, target: string): Promise<{ code: number; summary: unknown; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('python3', [join(repoRoot, 'tests/python', checker), target]);
    return { code: 0, summary: JSON.parse(stdout), stderr };
  } catch (error) {
    const e = error as { code?: number; stdout: string; stderr: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, summary: e.stdout ? JSON.parse(e.stdout) : null, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formats-python-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function writeSet(format: DatasetFormat, split: boolean, withImages = false): Promise<string> {
  const folder = join(dir, `${format}-${split}`);
  const set = await buildTrainingSet(sampleDataset(), {
    format,
    filter: { include: 'with-suggestions', minScore: 0 },
    classes: {},
    includeImages: withImages,
    ...(split ? { split: { train: 0.5, val: 0.25, test: 0.25, seed: 3 } } : {}),
  });
  const files: TextFiles = { ...set.files };
  if (withImages) for (const paths of set.imagePaths.values()) for (const p of paths) files[p] = 'image bytes';
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  }
  return folder;
}

describe('exported files read back by independent Python parsers', () => {
  it('COCO: ids unique, references valid, boxes inside their images (json module)', async () => {
    const run = await python('check_coco.py', join(await writeSet('coco', false), 'annotations.json'));
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, summary: { images: 4, annotations: 5, categories: 4 } });
  });

  it('COCO with a split: one valid file per split', async () => {
    const folder = await writeSet('coco', true);
    for (const split of ['train', 'val', 'test']) {
      const run = await python('check_coco.py', join(folder, `annotations/instances_${split}.json`));
      expect(run.code, run.stderr).toBe(0);
    }
  });

  it('YOLO: class ids below len(names), values in 0–1, every label file beside its image', async () => {
    const run = await python('check_yolo.py', await writeSet('yolo', true, true));
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, summary: { names: ['person', 'car', 'dog', 'sign, "stop"'], label_files: 4, boxes: 5 } });
  });

  it('VOC: 1-based boxes inside the image (xml.etree), image lists name existing files', async () => {
    const run = await python('check_voc.py', await writeSet('voc', true));
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, summary: { files: 4, objects: 5, lists: { 'train.txt': 2, 'val.txt': 1, 'test.txt': 1 } } });
  });

  it('CSV: the csv module reads every row, quoted names included', async () => {
    const run = await python('check_csv.py', join(await writeSet('csv', false), 'annotations.csv'));
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0, summary: { rows: 6, boxes: 5, labels: ['car', 'dog', 'person', 'sign, "stop"'] } });
  });

  it('the checkers fail on a broken file (so a pass means something)', async () => {
    const folder = await writeSet('voc', false);
    await writeFile(join(folder, 'Annotations/rocket.xml'), '<annotation><filename>rocket.jpg</filename><size><width>640</width><height>427</height><depth>3</depth></size><object><name>dog</name><bndbox><xmin>0</xmin><ymin>1</ymin><xmax>640</xmax><ymax>427</ymax></bndbox></object></annotation>');
    const run = await python('check_voc.py', folder);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Annotations/rocket.xml: bndbox');
  });
});
