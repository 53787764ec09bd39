import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'png-trailing-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a PNG with bytes after IEND', () => {
  it('is read as browsers and the app read it: up to its IEND chunk', async () => {
    const png = readFixture('astronaut.png');
    const padded = new Uint8Array(png.length + 64);
    padded.set(png);
    padded.set(new TextEncoder().encode('appended by a camera app or a careless tool'), png.length);
    const path = join(dir, 'padded.png');
    await writeFile(path, padded);
    const run = await workbench('detect', path);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const coco = JSON.parse(run.stdout) as { images: { width: number }[]; categories: { id: number; name: string }[]; annotations: { category_id: number; score: number }[] };
    expect(coco.images[0]!.width).toBe(512);
    const person = coco.categories.find((c) => c.name === 'person')!.id;
    expect(coco.annotations.some((a) => a.category_id === person && a.score > 0.5)).toBe(true);
  });
});
