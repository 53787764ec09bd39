import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

const HYPERLINK = '=HYPERLINK("http://x","y")';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-injection-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The cells as Python's csv module reads them: what a spreadsheet import sees. */
function pythonCells(path: string): string[][] {
  const script = 'import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as string[][];
}

const startsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

describe('CSV outputs never start a cell with a formula', () => {
  it('convert --to csv: a hostile category and image name are neutralised, and read back as they were', async () => {
    const coco = {
      images: [{ id: 1, file_name: '../=1+1.png', width: 100, height: 80 }],
      categories: [{ id: 1, name: HYPERLINK }, { id: 2, name: '@cmd' }],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20] },
        { id: 2, image_id: 1, category_id: 2, bbox: [30, 30, 5, 5] },
      ],
    };
    await writeFile(join(dir, 'set.json'), JSON.stringify(coco));
    const csv = join(dir, 'out.csv');
    const run = await workbench('convert', '--from', 'coco', '--to', 'csv', join(dir, 'set.json'), csv);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const rows = pythonCells(csv);
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ["'=1+1.png", `'${HYPERLINK}`],
      ["'=1+1.png", "'@cmd"],
    ]);

    const back = join(dir, 'back.json');
    expect((await workbench('convert', '--from', 'csv', '--to', 'coco', csv, back)).code).toBe(0);
    const json = JSON.parse(await readFile(back, 'utf8')) as { images: { file_name: string }[]; categories: { name: string }[] };
    expect(json.images.map((i) => i.file_name)).toEqual(['=1+1.png']);
    expect(json.categories.map((c) => c.name)).toEqual([HYPERLINK, '@cmd']);
  });

  it('detect --format csv: an image named =1+1.png is written as text', async () => {
    const image = join(dir, '=1+1.png');
    await copyFile(fixturePath('astronaut.png'), image);
    const run = await workbench('detect', image, '--format', 'csv');
    expect(run.code).toBe(0);
    const csv = join(dir, 'detect.csv');
    await writeFile(csv, run.stdout);
    const rows = pythonCells(csv);
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toContainEqual(["'=1+1.png", 'person']);
  });
});
