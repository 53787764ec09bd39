import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CocoDataset, CocoImage } from '../../src/domain/formats/coco/types';
import { iou } from '../../src/domain/geometry';
import { fixturePath } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

const mosaic = fixturePath('mosaic-utm32n.tif');
type Coco = CocoDataset<CocoImage & { sha256: string; tiles?: number }> & { info: { tiling: Record<string, unknown> } };

const people = (coco: Coco) =>
  coco.annotations.filter((a) => a.category_id === 1).map(({ bbox: [x, y, w, h] }) => ({ x: x!, y: y!, w: w!, h: h! }));
// CenterNet's person on astronaut.png, moved to where the astronaut was pasted in the mosaic.
const ASTRONAUT_PERSON = { x: 308, y: 309, w: 361, h: 503 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-tiled-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench detect on a large TIFF', () => {
  it('reads the GeoTIFF window by window and tiles it by default (2048 px > 2 × 512)', async () => {
    const out = join(dir, 'auto.json');
    const run = await workbench('detect', mosaic, '--out', out, '--verbose');
    expect(run.code, run.stderr).toBe(0);
    const coco = JSON.parse(await readFile(out, 'utf8')) as Coco;
    expect(coco.images.map((i) => [i.width, i.height, i.tiles])).toEqual([[2048, 2048, 25]]);
    expect(coco.info.tiling).toEqual({ mode: 'auto', tile_size: 512, overlap: 0.2, whole_image_pass: false });
    expect(people(coco)).toHaveLength(1);
    expect(iou(people(coco)[0]!, ASTRONAUT_PERSON)).toBeGreaterThanOrEqual(0.9);
    expect(run.stderr).toMatch(/mosaic-utm32n\.tif: 2048×2048, \d+ detections, tiled: 25 tiles of 512 px, overlap 0\.2, \d+ before merging/);
  });

  it('runs the whole image once with --no-tile, and honours --tile and --overlap', async () => {
    const whole = JSON.parse((await workbench('detect', mosaic, '--no-tile')).stdout) as Coco;
    expect(whole.images[0]!.tiles).toBeUndefined();
    expect(whole.info.tiling.mode).toBe('whole');
    expect(people(whole)).toHaveLength(1);
    const big = JSON.parse((await workbench('detect', mosaic, '--tile', '1024', '--overlap', '0.5', '--whole-pass')).stdout) as Coco;
    expect(big.images[0]!.tiles).toBe(9);
    expect(big.info.tiling).toEqual({ mode: 'tiled', tile_size: 1024, overlap: 0.5, whole_image_pass: true });
  });

  it.each([
    [['--tile', '10'], /--tile must be a whole number of pixels from 32 to 8192, got "10"/],
    [['--overlap', '0.95'], /--overlap must be a number from 0 to 0.9, got "0.95"/],
    [['--no-tile', '--tile', '512'], /--no-tile cannot be combined with --tile, --overlap or --whole-pass/],
  ])('exits 2 for %j', async (args, message) => {
    const { code, stderr } = await workbench('detect', mosaic, ...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
