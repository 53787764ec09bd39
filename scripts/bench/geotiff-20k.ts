// A real 20,000 × 20,000 GeoTIFF on disk (tiled 512², DEFLATE, EPSG:25832), written tile by tile, then detected
// tile by tile through geotiff.js reading byte ranges from the file: neither side ever holds the raster whole.
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateSync } from 'node:zlib';
import { fromFile } from 'geotiff';
import type { RgbaPixels } from '../../src/domain/image';
import { checkWindow, type PixelWindow, type RasterSource } from '../../src/domain/raster-source';
import { defaultParams } from '../../src/domain/prediction';
import { tileGrid, type TilingParams } from '../../src/domain/tiling';
import { createNodeEngine } from '../../src/ml/node';
import { detectTiled } from '../../src/ml/tiled';
import { TiffSource } from '../../src/platform/tiff-source';
import { emit, modelsDir } from './report';
import { memoryPeaks, syntheticSource } from './tiled';

const SIDE = 20_000;
const BLOCK = 512;
const MB = 1024 * 1024;

export interface GeoTiffLayout {
  /** Square, side in pixels. */
  side: number;
  source: RasterSource;
  /** Upper-left corner in EPSG:25832, 0.2 m pixels. */
  east: number;
  north: number;
}

/** Writes a little-endian tiled RGB GeoTIFF: blocks first, the IFD and its arrays at the end. */
export async function writeGeoTiff(path: string, layout: GeoTiffLayout = { side: SIDE, source: syntheticSource(SIDE, SIDE), east: 550000, north: 5805000 }): Promise<void> {
  const { side: SIDE, source, east, north } = layout;
  const across = Math.ceil(SIDE / BLOCK);
  const fd = openSync(`${path}.part`, 'w');
  let offset = 8;
  const offsets: number[] = [];
  const counts: number[] = [];
  writeSync(fd, Buffer.alloc(8)); // header, filled in at the end
  for (let ty = 0; ty < across; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const w = Math.min(BLOCK, SIDE - tx * BLOCK);
      const h = Math.min(BLOCK, SIDE - ty * BLOCK);
      const rgba = await source.readWindow({ x: tx * BLOCK, y: ty * BLOCK, w, h });
      const rgb = Buffer.alloc(BLOCK * BLOCK * 3); // edge blocks are padded to full size, as TIFF requires
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) rgb[(y * BLOCK + x) * 3 + c] = rgba.data[(y * w + x) * 4 + c]!;
      const packed = deflateSync(rgb, { level: 1 });
      offsets.push(offset);
      counts.push(packed.length);
      writeSync(fd, packed);
      offset += packed.length;
    }
  }
  const entries: [tag: number, type: number, values: number[]][] = [
    [256, 4, [SIDE]], [257, 4, [SIDE]], [258, 3, [8, 8, 8]], [259, 3, [8]], [262, 3, [2]], [277, 3, [3]],
    [284, 3, [1]], [322, 3, [BLOCK]], [323, 3, [BLOCK]], [324, 4, offsets], [325, 4, counts], [339, 3, [1, 1, 1]],
    [33550, 12, [0.2, 0.2, 0]], [33922, 12, [0, 0, 0, east, north, 0]],
    [34735, 3, [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 25832]],
  ];
  const size = { 3: 2, 4: 4, 12: 8 } as Record<number, number>;
  const ifdOffset = offset + (offset % 2);
  let extra = ifdOffset + 2 + entries.length * 12 + 4;
  const ifd = Buffer.alloc(extra - ifdOffset);
  const arrays: Buffer[] = [];
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, values], i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(tag, at);
    ifd.writeUInt16LE(type, at + 2);
    ifd.writeUInt32LE(values.length, at + 4);
    const data = Buffer.alloc(values.length * size[type]!);
    values.forEach((v, j) => (type === 3 ? data.writeUInt16LE(v, j * 2) : type === 4 ? data.writeUInt32LE(v, j * 4) : data.writeDoubleLE(v, j * 8)));
    if (data.length <= 4) data.copy(ifd, at + 8);
    else {
      ifd.writeUInt32LE(extra, at + 8);
      arrays.push(data);
      extra += data.length;
    }
  });
  writeSync(fd, Buffer.alloc(ifdOffset - offset));
  writeSync(fd, Buffer.concat([ifd, ...arrays]));
  const header = Buffer.from([0x49, 0x49, 42, 0, 0, 0, 0, 0]);
  header.writeUInt32LE(ifdOffset, 4);
  writeSync(fd, header, 0, 8, 0);
  closeSync(fd);
  renameSync(`${path}.part`, path);
}

/** A band of rows of a larger source, so the bench can run a representative part of the grid. */
function band(source: RasterSource, y: number, height: number): RasterSource {
  return {
    width: source.width,
    height,
    readWindow: (window: PixelWindow, outWidth?: number, outHeight?: number): Promise<RgbaPixels> => {
      checkWindow(window, source.width, height);
      return source.readWindow({ ...window, y: window.y + y }, outWidth, outHeight);
    },
  };
}

export async function benchGeoTiff20k(): Promise<void> {
  const path = join(tmpdir(), `workbench-bench-${SIDE}.tif`);
  const t0 = performance.now();
  if (!existsSync(path)) await writeGeoTiff(path);
  const writeSeconds = (performance.now() - t0) / 1000;

  const engine = createNodeEngine(modelsDir);
  const manifest = await engine.load('coco-centernet');
  const report = await engine.prepare(manifest.id);
  const tiling: TilingParams = { tileSize: manifest.input.width, overlap: 0.2, wholeImagePass: false };
  const raster = await TiffSource.open(() => fromFile(path));
  const georef = raster.georeference();
  const stride = Math.round(tiling.tileSize * (1 - tiling.overlap));
  const rows = Math.max(1, Number(process.env.BENCH_GEOTIFF_ROWS) || 1);
  const part = band(raster, Math.floor(SIDE / 2 / stride) * stride, tiling.tileSize + (rows - 1) * stride);
  const tiles = tileGrid(part.width, part.height, tiling.tileSize, tiling.overlap).length;
  const fullGrid = tileGrid(SIDE, SIDE, tiling.tileSize, tiling.overlap).length;

  global.gc?.();
  const peaks = memoryPeaks();
  const t1 = performance.now();
  const result = await detectTiled(engine, manifest.id, part, defaultParams(manifest), tiling, peaks.sample);
  const seconds = (performance.now() - t1) / 1000;
  const peak = peaks.stop();
  emit({
    name: 'node.geotiff_20k',
    backend: report.backend,
    model: manifest.id,
    figures: {
      tiles,
      tilesPerSecond: tiles / seconds,
      readMsPerTile: result.timings.readMs / tiles,
      peakRssMB: peak.rss / MB,
      peakHeapMB: peak.heapUsed / MB,
      extrapolatedFullMinutes: fullGrid / (tiles / seconds) / 60,
      writeSeconds,
    },
    note: `${SIDE}² RGB GeoTIFF, 512² DEFLATE blocks, ${'epsg' in (georef?.crs ?? {}) ? 'EPSG:25832' : 'no CRS'}, read by byte ranges from disk; ${rows} row(s) of tiles across (BENCH_GEOTIFF_ROWS)`,
  });
}
