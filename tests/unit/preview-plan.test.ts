import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { afterAll, describe, expect, it } from 'vitest';
import { PREVIEW_PIXEL_LIMIT, planSampledPreview } from '../../src/domain/preview-plan';
import { resampleRgba } from '../../src/domain/raster-source';
import { TiffSource } from '../../src/platform/tiff-source';
import { fixturePath } from '../helpers/fixtures';
import { hugeSparseGeoTiff } from '../helpers/huge-raster';

const dir = mkdtempSync(join(tmpdir(), 'preview-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bounded preview of a raster without overviews', () => {
  it('plans a sample of blocks within the pixel limit that covers the whole output', () => {
    const plan = planSampledPreview(100_000, 100_000, { width: 512, height: 512 }, 2048, 2048)!;
    expect(plan.blocksTotal).toBe(196 * 196);
    expect(plan.blocksRead * 512 * 512).toBeLessThanOrEqual(PREVIEW_PIXEL_LIMIT);
    expect(plan.blocksRead).toBeGreaterThan(100);
    expect(plan.cells.reduce((area, c) => area + c.out.w * c.out.h, 0)).toBe(2048 * 2048);
    for (const { source, out } of plan.cells) {
      expect(Math.floor(source.x / 512)).toBe(Math.floor((source.x + source.w - 1) / 512)); // inside one block
      expect(source.x + source.w).toBeLessThanOrEqual(100_000);
      expect(out.x + out.w).toBeLessThanOrEqual(2048);
    }
    expect(planSampledPreview(2048, 2048, { width: 256, height: 256 }, 2048, 2048)).toBeNull(); // the mosaic: read whole
  });

  it('fills each cell of the preview from the block at its centre', async () => {
    const path = join(dir, 'astronaut-tiled.tif');
    execFileSync('gdal_translate', ['-q', '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=64', '-co', 'BLOCKYSIZE=64', fixturePath('astronaut.png'), path]);
    const source = await TiffSource.open(() => fromFile(path));
    const limit = 16 * 64 * 64;
    const { pixels, sampled } = await source.readPreview(128, 128, limit);
    expect(sampled).toEqual({ blocksRead: 16, blocksTotal: 64 });
    const plan = planSampledPreview(512, 512, { width: 64, height: 64 }, 128, 128, limit)!;
    for (const { source: block, out } of plan.cells) {
      const expected = resampleRgba(await source.readWindow(block), out.w, out.h);
      for (let row = 0; row < out.h; row++) {
        const got = pixels.data.subarray(((out.y + row) * 128 + out.x) * 4, ((out.y + row) * 128 + out.x + out.w) * 4);
        expect([...got]).toEqual([...expected.data.subarray(row * out.w * 4, (row + 1) * out.w * 4)]);
      }
    }
    const whole = await source.readPreview(128, 128); // within the default limit: the whole image shrunk
    expect(whole.sampled).toBeUndefined();
  });

  it('a 100,000² sparse GeoTIFF (300 KB) previews in seconds, reading a sample of its 38,416 blocks', async () => {
    const source = await TiffSource.open(() => fromFile(hugeSparseGeoTiff(dir)));
    const start = performance.now();
    const { pixels, sampled } = await source.readPreview(256, 256, 16 * 512 * 512);
    console.log(`100,000² preview: ${(performance.now() - start).toFixed(0)} ms, ${sampled!.blocksRead} of ${sampled!.blocksTotal} blocks`);
    expect([pixels.width, pixels.height]).toEqual([256, 256]);
    expect(sampled).toEqual({ blocksRead: 16, blocksTotal: 38_416 });
  });
});
