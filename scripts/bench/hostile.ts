// Hostile inputs: what a zip bomb costs to refuse, what the bounded inflater costs against fflate's whole-file
// inflate, and how long a 100,000² raster without overviews takes to preview.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { fromFile } from 'geotiff';
import { isSetFile } from '../../src/domain/dataset/zip';
import { bytesSource, openZip } from '../../src/domain/dataset/safe-zip';
import { parseZipLimits } from '../../src/domain/dataset/zip-limits';
import { TiffSource } from '../../src/platform/tiff-source';
import { hugeSparseGeoTiff } from '../../tests/helpers/huge-raster';
import { writeZip, zeros, zerosSize } from '../../tests/helpers/zip-bomb';
import { emit } from './report';

const MB = 1e6;

export async function benchHostile(): Promise<void> {
  const bomb = writeZip([zeros('labels/a.txt', zerosSize(2 ** 30)), zeros('labels/b.txt', zerosSize(2 ** 30)), zeros('images/c.png', zerosSize(2 ** 30))]);
  const rss = process.memoryUsage().rss;
  let start = performance.now();
  const refused = await openZip(bytesSource(bomb), 'bomb.zip', { keep: isSetFile }).then(() => 'read', (e: Error) => e.message);
  emit({
    name: 'node.zip_bomb_refusal',
    backend: 'none',
    figures: { zipMB: bomb.length / MB, declaredGB: (3 * 2 ** 30) / 1e9, refusalMs: performance.now() - start, extraRssMB: (process.memoryUsage().rss - rss) / MB },
    note: refused,
  });

  const dense = writeZip([zeros('a.bin', zerosSize(64 * 2 ** 20))]);
  const opened = await openZip(bytesSource(dense), 'dense.zip', { limits: parseZipLimits('ratio=2000') });
  start = performance.now();
  const ours = await opened.read(opened.entries[0]!);
  const boundedMs = performance.now() - start;
  start = performance.now();
  const theirs = unzipSync(dense)['a.bin']!;
  const fflateMs = performance.now() - start;
  if (ours.length !== theirs.length) throw new Error('the two inflaters disagree');
  emit({
    name: 'node.bounded_inflate_vs_fflate_64mb',
    backend: 'none',
    figures: { boundedMBps: ours.length / MB / (boundedMs / 1000), fflateMBps: theirs.length / MB / (fflateMs / 1000) },
    ratio: boundedMs / fflateMs,
    note: 'the bounded reader inflates in 16 KiB steps and checks the CRC-32; fflate inflates the whole entry at once',
  });

  const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
  try {
    const source = await TiffSource.open(() => fromFile(hugeSparseGeoTiff(dir)));
    start = performance.now();
    const { sampled } = await source.readPreview(2048, 2048);
    emit({
      name: 'node.huge_raster_preview_100k',
      backend: 'none',
      figures: { previewMs: performance.now() - start, blocksRead: sampled?.blocksRead ?? 0, blocksTotal: sampled?.blocksTotal ?? 0 },
      note: '100,000 × 100,000 px sparse GeoTIFF without overviews, 512² blocks: a 2048 px preview within the 32 MP limit',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
