// Tiled detection in Node: a synthetic 20,000 × 20,000 raster made window by window (never held whole: as RGBA it
// would be 1.6 GB), and the real mosaic GeoTIFF. BENCH_TILES limits the synthetic run (default: one full-width
// band of tiles; "all" for the whole grid, about 2,400 tiles).
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { RgbaPixels } from '../../src/domain/image';
import { checkWindow, type PixelWindow, type RasterSource } from '../../src/domain/raster-source';
import { defaultParams } from '../../src/domain/prediction';
import { mergeTiledDetections, tileGrid, type TilingParams, type WindowedDetection } from '../../src/domain/tiling';
import { createNodeEngine } from '../../src/ml/node';
import { detectTiled, detectWhole } from '../../src/ml/tiled';
import { TiffSource } from '../../src/platform/tiff-source';
import { emit, fixture, modelsDir } from './report';

const SIDE = 20_000;
const MB = 1024 * 1024;

/** Fields, hedges and a road grid, computed per pixel: an image of any size that costs no memory until read. */
export function syntheticSource(width: number, height: number, offsetX = 0, offsetY = 0): RasterSource {
  return {
    width,
    height,
    readWindow: async (window: PixelWindow, outWidth = window.w, outHeight = window.h): Promise<RgbaPixels> => {
      checkWindow(window, width, height);
      const data = new Uint8ClampedArray(outWidth * outHeight * 4);
      const sx = window.w / outWidth;
      const sy = window.h / outHeight;
      for (let oy = 0; oy < outHeight; oy++) {
        const y = offsetY + window.y + Math.floor(oy * sy);
        for (let ox = 0; ox < outWidth; ox++) {
          const x = offsetX + window.x + Math.floor(ox * sx);
          const field = ((x >> 7) * 73 + (y >> 7) * 151) & 0xff;
          const road = x % 1000 < 12 || y % 1300 < 12;
          const noise = ((x * 2654435761) ^ (y * 40503)) & 0x1f;
          const o = (oy * outWidth + ox) * 4;
          data[o] = road ? 150 : 60 + (field >> 2) + noise;
          data[o + 1] = road ? 150 : 90 + (field >> 1) + noise;
          data[o + 2] = road ? 150 : 40 + (field >> 3) + noise;
          data[o + 3] = 255;
        }
      }
      return { data, width: outWidth, height: outHeight };
    },
  };
}

/** Samples rss and heap every few ms (and whenever asked), keeping the peaks. */
export function memoryPeaks() {
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  return { sample, stop: () => (clearInterval(timer), sample(), peak) };
}

/** A band of the synthetic image in the middle of it holding about `limit` tiles: the grid's columns, enough rows. */
function band(tiling: TilingParams, limit: number): { source: RasterSource; tiles: number } {
  const stride = Math.round(tiling.tileSize * (1 - tiling.overlap));
  const perRow = tileGrid(SIDE, tiling.tileSize, tiling.tileSize, tiling.overlap).length;
  const columns = Math.min(perRow, limit);
  const rows = Math.ceil(limit / perRow);
  const width = columns === perRow ? SIDE : tiling.tileSize + (columns - 1) * stride;
  const height = tiling.tileSize + (rows - 1) * stride;
  const source = syntheticSource(width, height, 0, Math.floor(SIDE / 2 / stride) * stride);
  return { source, tiles: tileGrid(width, height, tiling.tileSize, tiling.overlap).length };
}

/**
 * The merge on a busy 20,000² scene: a car every 100 px on a 200 px lattice seen by every tile that holds it
 * (duplicates in the overlaps, halves at the borders), so the figure covers what a city orthophoto would cost.
 */
function benchMerge(tiling: TilingParams): void {
  const detections: WindowedDetection[] = [];
  for (const window of tileGrid(SIDE, SIDE, tiling.tileSize, tiling.overlap)) {
    for (let y = Math.ceil(window.y / 200) * 200; y < window.y + window.h; y += 200) {
      for (let x = Math.ceil(window.x / 200) * 200; x < window.x + window.w; x += 200) {
        const x2 = Math.min(x + 40, window.x + window.w);
        const y2 = Math.min(y + 20, window.y + window.h);
        detections.push({ label: 'car', classIndex: 2, score: 0.5 + ((x + y) % 7) / 20, box: { x, y, w: x2 - x, h: y2 - y }, window });
      }
    }
  }
  const t0 = performance.now();
  const merged = mergeTiledDetections(detections, { iouThreshold: 0.4 });
  emit({
    name: 'node.tiled_merge',
    backend: 'none',
    figures: { detectionsIn: detections.length, detectionsOut: merged.length, objects: (SIDE / 200) ** 2, mergeMs: performance.now() - t0 },
  });
}

export async function benchTiled(): Promise<void> {
  const engine = createNodeEngine(modelsDir);
  const manifest = await engine.load('coco-centernet');
  const report = await engine.prepare(manifest.id);
  const params = defaultParams(manifest);
  const tiling: TilingParams = { tileSize: manifest.input.width, overlap: 0.2, wholeImagePass: false };
  const fullGrid = tileGrid(SIDE, SIDE, tiling.tileSize, tiling.overlap).length;

  const requested = process.env.BENCH_TILES;
  const perRow = tileGrid(SIDE, tiling.tileSize, tiling.tileSize, tiling.overlap).length;
  const limit = requested === 'all' ? fullGrid : Math.max(1, Number(requested) || perRow);
  const { source, tiles } = limit >= fullGrid ? { source: syntheticSource(SIDE, SIDE), tiles: fullGrid } : band(tiling, limit);

  global.gc?.();
  const baseline = process.memoryUsage();
  const peaks = memoryPeaks();
  const t0 = performance.now();
  const result = await detectTiled(engine, manifest.id, source, params, tiling, peaks.sample);
  const seconds = (performance.now() - t0) / 1000;
  const peak = peaks.stop();
  emit({
    name: 'node.tiled_20k',
    backend: report.backend,
    model: manifest.id,
    figures: {
      tiles: result.tiles,
      tilesInFullGrid: fullGrid,
      tilesPerSecond: tiles / seconds,
      msPerTile: (seconds * 1000) / tiles,
      readMsPerTile: result.timings.readMs / tiles,
      inferenceMsPerTile: result.timings.inferenceMs / tiles,
      mergeMs: result.timings.mergeMs,
      detections: result.detections.length,
      baselineRssMB: baseline.rss / MB,
      peakRssMB: peak.rss / MB,
      peakHeapMB: peak.heapUsed / MB,
      peakExternalMB: peak.external / MB,
      extrapolatedFullMinutes: fullGrid / (tiles / seconds) / 60,
    },
    note: `${source.width} × ${source.height} band of a synthetic ${SIDE} × ${SIDE} image (pixels generated per window; whole it would be ${Math.round((SIDE * SIDE * 4) / MB)} MB of RGBA); tile ${tiling.tileSize}, overlap ${tiling.overlap}; BENCH_TILES=${requested ?? '(one band)'}`,
  });

  const bytes = await readFile(fixture('mosaic-utm32n.tif'));
  const t1 = performance.now();
  const mosaic = await TiffSource.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const openMs = performance.now() - t1;
  const t2 = performance.now();
  const onMosaic = await detectTiled(engine, manifest.id, mosaic, params, tiling);
  const tiledMs = performance.now() - t2;
  const t3 = performance.now();
  const whole = await detectWhole(engine, manifest.id, mosaic, params, manifest.input);
  const wholeMs = performance.now() - t3;
  emit({
    name: 'node.tiled_mosaic_tiff',
    backend: report.backend,
    model: manifest.id,
    figures: {
      tiles: onMosaic.tiles,
      tilesPerSecond: onMosaic.tiles / (tiledMs / 1000),
      openMs,
      tiffReadMsPerTile: onMosaic.timings.readMs / onMosaic.tiles,
      tiledMs,
      detectionsBeforeMerge: onMosaic.rawDetections,
      detections: onMosaic.detections.length,
      people: onMosaic.detections.filter((d) => d.label === 'person').length,
      wholeImageMs: wholeMs,
      wholeImageReadMs: whole.timings.readMs,
      wholeImageDetections: whole.detections.length,
    },
    ratio: tiledMs / wholeMs,
    note: 'mosaic-utm32n.tif 2048 × 2048, DEFLATE tiles of 256; tiled 512 / 0.2 vs one whole-image run at 512 (ratio = tiled / whole time)',
  });
  await engine.release(manifest.id);
  benchMerge(tiling);
}
