// Detect area at survey-office scale: 20 km² at 20 cm as 20 GeoTIFFs of 1 km × 1 km (5,000² px, 512² DEFLATE
// blocks, EPSG:25832), 4 across and 5 down, each written tile by tile into the temp folder once; then tiles of the
// area read through the mosaic from every file under them (byte ranges from disk), merged across file borders.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromFile } from 'geotiff';
import { type GeoImage, groupAreas } from '../../src/domain/geo/area';
import { areaWindows, assignOwners, mosaicSource } from '../../src/domain/geo/mosaic';
import { CANDIDATE_SCORE_FLOOR } from '../../src/domain/detection';
import { defaultParams } from '../../src/domain/prediction';
import { createNodeEngine } from '../../src/ml/node';
import { detectTiled } from '../../src/ml/tiled';
import { TiffSource } from '../../src/platform/tiff-source';
import { writeGeoTiff } from './geotiff-20k';
import { emit, modelsDir } from './report';
import { memoryPeaks, syntheticSource } from './tiled';

const FILE_SIDE = 5_000; // 1 km at 0.2 m
const ACROSS = 4;
const DOWN = 5;
const PIXEL = 0.2;
const MB = 1024 * 1024;

export async function benchArea(): Promise<void> {
  const folder = join(tmpdir(), 'workbench-bench-area-20km2');
  mkdirSync(folder, { recursive: true });
  const t0 = performance.now();
  const paths: string[] = [];
  for (let row = 0; row < DOWN; row++) {
    for (let col = 0; col < ACROSS; col++) {
      const path = join(folder, `ortho_${col}_${row}.tif`);
      paths.push(path);
      if (existsSync(path)) continue;
      const source = syntheticSource(FILE_SIDE, FILE_SIDE, col * FILE_SIDE, row * FILE_SIDE);
      await writeGeoTiff(path, { side: FILE_SIDE, source, east: 550000 + col * FILE_SIDE * PIXEL, north: 5805000 - row * FILE_SIDE * PIXEL });
    }
  }
  const writeSeconds = (performance.now() - t0) / 1000;

  const sources = new Map<string, TiffSource>();
  const images: GeoImage[] = [];
  for (const path of paths) {
    const source = await TiffSource.open(() => fromFile(path));
    sources.set(path, source);
    images.push({ sha256: path, fileName: path, width: source.width, height: source.height, georeference: source.georeference()! });
  }
  const [area] = groupAreas(images).areas;
  if (!area || area.members.length !== paths.length) throw new Error('the bench files did not form one area');

  const engine = createNodeEngine(modelsDir);
  const manifest = await engine.load('coco-centernet');
  const report = await engine.prepare(manifest.id);
  const tiling = { tileSize: manifest.input.width, overlap: 0.2 };
  const stride = Math.round(tiling.tileSize * (1 - tiling.overlap));
  const all = areaWindows(area, tiling.tileSize, tiling.overlap);
  const rowsAsked = process.env.BENCH_AREA_ROWS;
  const rows = rowsAsked === 'all' ? Infinity : Math.max(1, Number(rowsAsked) || 1);
  // Rows of tiles from just above the border between the second and third row of files, so they cross it.
  const firstY = Math.floor((2 * FILE_SIDE - tiling.tileSize / 2) / stride) * stride;
  const rowStarts = [...new Set(all.map((w) => w.y))].sort((a, b) => a - b);
  const chosen = new Set(rowsAsked === 'all' ? rowStarts : rowStarts.filter((y) => y >= firstY).slice(0, rows));
  const windows = all.filter((w) => chosen.has(w.y));
  const ys = windows.map((w) => w.y);
  const bandKm2 = rowsAsked === 'all' ? area.coveredKm2 : ((Math.max(...ys) + tiling.tileSize - Math.min(...ys)) * area.width * PIXEL * PIXEL) / 1e6;

  const params = { ...defaultParams(manifest), scoreThreshold: CANDIDATE_SCORE_FLOOR };
  const mosaic = mosaicSource(area, async (m) => sources.get(m.sha256)!);
  global.gc?.();
  const peaks = memoryPeaks();
  const t1 = performance.now();
  const result = await detectTiled(engine, manifest.id, mosaic, params, { ...tiling, wholeImagePass: false }, peaks.sample, undefined, undefined, windows);
  const detections = assignOwners(area, result.detections);
  const minutes = (performance.now() - t1) / 60_000;
  const peak = peaks.stop();
  const km2PerMinute = bandKm2 / minutes;
  emit({
    name: 'node.area_20km2',
    backend: report.backend,
    model: manifest.id,
    figures: {
      files: paths.length,
      areaKm2: area.coveredKm2,
      tiles: windows.length,
      tilesInArea: all.length,
      km2Run: bandKm2,
      km2PerMinute,
      tilesPerSecond: windows.length / (minutes * 60),
      readMsPerTile: result.timings.readMs / windows.length,
      detections: detections.length,
      peakRssMB: peak.rss / MB,
      peakHeapMB: peak.heapUsed / MB,
      extrapolatedFullMinutes: area.coveredKm2 / km2PerMinute,
      writeSeconds,
    },
    note: `${paths.length} GeoTIFFs of ${FILE_SIDE}² px at ${PIXEL} m (${ACROSS} × ${DOWN} km), read by byte ranges; ${rowsAsked === 'all' ? 'the whole area' : `${chosen.size} row(s) of tiles across, crossing a file border (BENCH_AREA_ROWS, or all)`}`,
  });
}
