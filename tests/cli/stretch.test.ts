import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou } from '../../src/domain/geometry';
import { fixturePath } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

// CenterNet's person on astronaut.png (see the model tests).
const PERSON = { x: 8, y: 9, w: 361, h: 503 };
let dir: string;
let deep: string;

/** The astronaut as a 16-bit RGB TIFF: each 8-bit value v becomes 1000 + 40·v, and a few pixels are saturated (65535). */
async function sixteenBitAstronaut(path: string): Promise<void> {
  const png = PNG.sync.read(await readFile(fixturePath('astronaut.png')));
  const values = new Uint16Array(png.width * png.height * 3);
  for (let p = 0; p < png.width * png.height; p++) {
    for (let c = 0; c < 3; c++) values[p * 3 + c] = 1000 + 40 * png.data[p * 4 + c]!;
  }
  for (let i = 0; i < 60; i++) values[i] = 65535;
  const buffer = writeArrayBuffer(values, { width: png.width, height: png.height, BitsPerSample: [16, 16, 16], SamplesPerPixel: 3, PhotometricInterpretation: 2 });
  await writeFile(path, new Uint8Array(buffer));
}

const person = (stdout: string) => {
  const coco = JSON.parse(stdout) as { annotations: { category_id: number; bbox: number[]; score: number }[]; categories: { id: number; name: string }[] };
  const id = coco.categories.find((c) => c.name === 'person')!.id;
  const found = coco.annotations.filter((a) => a.category_id === id).sort((a, b) => b.score - a.score)[0];
  return found && { box: { x: found.bbox[0]!, y: found.bbox[1]!, w: found.bbox[2]!, h: found.bbox[3]! }, score: found.score };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-stretch-'));
  deep = join(dir, 'astronaut-16bit.tif');
  await sixteenBitAstronaut(deep);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench detect --stretch on a 16-bit raster', () => {
  it('finds the astronaut with the default 2–98 % stretch; another stretch changes what the model sees', async () => {
    const plain = await workbench('detect', deep, '--no-tile');
    expect(plain.code, plain.stderr).toBe(0);
    const found = person(plain.stdout)!;
    expect(iou(found.box, PERSON)).toBeGreaterThan(0.85);

    const explicit = await workbench('detect', deep, '--no-tile', '--stretch', '2,98');
    expect(person(explicit.stdout)).toEqual(found);

    // 0–100 % maps the saturated pixels to white and the astronaut to dark grey: the same person, seen differently.
    const dark = await workbench('detect', deep, '--no-tile', '--stretch', '0,100');
    expect(dark.code, dark.stderr).toBe(0);
    const seen = person(dark.stdout)!;
    expect(iou(seen.box, PERSON)).toBeGreaterThan(0.8);
    expect(seen.score).not.toBeCloseTo(found.score, 2);
  });

  it('refuses percentiles out of order with the reason, exit 2', async () => {
    const run = await workbench('detect', deep, '--stretch', '98,2');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--stretch: stretch percentiles must satisfy 0 ≤ low < high ≤ 100 (got 98 and 2)');
  });
});
