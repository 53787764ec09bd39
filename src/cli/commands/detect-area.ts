// `workbench detect tiles/*.tif --format gpkg|fgb --out area.gpkg`: adjacent files are one area, detected as the
// app's *Detect area* does (same tiling, merging and score floor), written as one vector layer.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { fromFile } from 'geotiff';
import { aboveThreshold, CANDIDATE_SCORE_FLOOR } from '../../domain/detection';
import { type Area, type AreaMember, type GeoImage, groupAreas } from '../../domain/geo/area';
import { crsLabel } from '../../domain/geo/georeference';
import type { AreaDetection } from '../../domain/geo/mosaic';
import { toFlatGeobuf } from '../../domain/formats/fgb/export';
import { detectionsLayer, type MapObject } from '../../domain/formats/gpkg/detections';
import { writeGeoPackage } from '../../domain/formats/gpkg/write';
import { ImageInputError } from '../../domain/image-header';
import { defaultParams } from '../../domain/prediction';
import type { RasterSource } from '../../domain/raster-source';
import { DEFAULT_OVERLAP } from '../../domain/tiling';
import type { Engine } from '../../ml/engine';
import { TiffSource } from '../../platform/tiff-source';
import { openImage } from '../decode-image';
import { georeferenceOfFile } from '../georeference-of-file';
import { modelsRoot, readModelIndex } from '../models-root';
import { readFileHead, readInputFile } from '../read-file';
import { openSqlNode } from '../sqlite-node';
import { UsageError } from '../usage';
import type { Output } from './detect';

export type AreaFormat = 'gpkg' | 'fgb';

export interface DetectAreaOptions {
  files: string[];
  model: string;
  out?: string;
  format: AreaFormat;
  /** Shown objects: the model's own threshold when absent (as the app's Min score starts). */
  threshold?: number;
  tileSize?: number;
  overlap?: number;
  crsEpsg?: number;
  verbose: boolean;
}

const isTiffBytes = (head: Uint8Array) => head.length >= 4 && ((head[0] === 0x49 && head[1] === 0x49) || (head[0] === 0x4d && head[1] === 0x4d));

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** A TIFF is read by byte ranges from disk (a 5,000² orthophoto tile never sits in memory whole); others decoded. */
async function openFile(path: string): Promise<RasterSource> {
  const head = await readFileHead(path, 4);
  if (isTiffBytes(head)) return TiffSource.open(() => fromFile(path));
  return (await openImage(await readInputFile(path))).source;
}

export async function runDetectArea(options: DetectAreaOptions, io: Output): Promise<number> {
  if (options.out === undefined) throw new UsageError(`--format ${options.format} writes a binary file: give --out <file.${options.format}>`);
  const root = modelsRoot();
  const known = await readModelIndex(root);
  if (!known.includes(options.model)) throw new UsageError(`unknown model "${options.model}" (known: ${known.join(', ')})`);

  let failures = 0;
  const images: GeoImage[] = [];
  const sources = new Map<string, RasterSource>();
  const paths = new Map<string, string>();
  for (const file of options.files) {
    try {
      const source = await openFile(file);
      const { georeference, notes } = await georeferenceOfFile(file, source, { target: 'native', ...(options.crsEpsg ? { crsEpsg: options.crsEpsg } : {}) });
      for (const note of notes) io.stderr(`workbench: ${file}: ${note}`);
      const sha256 = await sha256OfFile(file);
      if (sources.has(sha256)) {
        io.stderr(`workbench: ${file}: the same bytes as ${paths.get(sha256)}; read once`);
        continue;
      }
      sources.set(sha256, source);
      paths.set(sha256, file);
      images.push({ sha256, fileName: file, width: source.width, height: source.height, georeference });
    } catch (error) {
      failures++;
      io.stderr(`workbench: ${file}: ${error instanceof ImageInputError || error instanceof Error ? error.message : String(error)}`);
    }
  }
  const { areas, problems } = groupAreas(images);
  for (const problem of problems) io.stderr(`workbench: ${problem.reason}`);
  const crss = new Map<string, string[]>();
  for (const area of areas) crss.set(crsLabel(area.crs), [...(crss.get(crsLabel(area.crs)) ?? []), ...area.members.map((m) => m.fileName)]);
  if (crss.size > 1) {
    const list = [...crss].map(([crs, files]) => `${crs}: ${files.join(', ')}`).join('; ');
    io.stderr(`workbench: the files are in ${crss.size} CRSs (${list}); one layer holds one CRS: detect each set on its own, or reproject (gdalwarp -t_srs) first. Nothing written.`);
    return 1;
  }
  if (areas.length === 0) {
    io.stderr('workbench: no georeferenced file to detect in. Nothing written.');
    return 1;
  }

  const { createNodeEngine } = await import('../../ml/node');
  const engine = createNodeEngine(root);
  const manifest = await engine.load(options.model);
  if (manifest.task !== 'detect') throw new UsageError(`model "${options.model}" is a ${manifest.task} model, not a detector`);
  await engine.prepare(manifest.id);
  const model = defaultParams(manifest);
  const threshold = options.threshold ?? model.scoreThreshold;
  const tiling = { tileSize: options.tileSize ?? manifest.input.width, overlap: options.overlap ?? DEFAULT_OVERLAP };
  const objects: MapObject[] = [];
  const byImage = new Map(images.map((i) => [i.sha256, i]));
  for (const [n, area] of areas.entries()) {
    const detections = await detectOneArea(engine, manifest.id, area, sources, { ...model, scoreThreshold: CANDIDATE_SCORE_FLOOR }, tiling, (line) => {
      if (options.verbose) io.stderr(`workbench: area ${n + 1}/${areas.length} (${area.members.length} files, ${area.coveredKm2.toFixed(3)} km²): ${line}`);
    });
    for (const d of aboveThreshold(detections, threshold) as AreaDetection[]) {
      const image = byImage.get(d.imageSha256)!;
      objects.push({
        image: { fileName: image.fileName, sha256: image.sha256, georeference: image.georeference },
        annotation: { label: d.label, score: d.score, status: 'suggested', source: `model:${manifest.id}@${manifest.version}`, box: d.imageBox },
      });
    }
  }
  if (objects.length === 0) io.stderr('workbench: no objects found at this threshold; the layer is empty');
  const bytes = options.format === 'gpkg' ? writeGeoPackage(await openSqlNode(), [detectionsLayer(objects, 'detections', areas[0]!.crs)]) : toFlatGeobuf(objects);
  await writeWhole(options.out, bytes);
  if (options.verbose) io.stderr(`workbench: wrote ${objects.length} objects to ${options.out}`);
  return failures > 0 ? 1 : 0;
}

async function detectOneArea(
  engine: Engine,
  modelId: string,
  area: Area,
  sources: ReadonlyMap<string, RasterSource>,
  params: ReturnType<typeof defaultParams>,
  tiling: { tileSize: number; overlap: number },
  say: (line: string) => void,
): Promise<AreaDetection[]> {
  const { detectArea } = await import('../../ml/area');
  let reported = -1;
  const open = async (member: AreaMember) => sources.get(member.sha256)!;
  const result = await detectArea(engine, modelId, area, open, params, tiling, ({ done, total }) => {
    const tenth = Math.floor((done * 10) / total);
    if (tenth === reported) return;
    reported = tenth;
    say(`tile ${done}/${total}, ${((area.coveredKm2 * done) / total).toFixed(3)} km²`);
  });
  return result.detections;
}

/** Written beside the target and renamed into place: a full disk or a crash leaves no half-written file. */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const part = `${path}.part`;
  try {
    await writeFile(part, bytes);
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOSPC' ? `no space left to write ${path} (${bytes.length} bytes); nothing written` : `cannot write ${path}: ${(error as Error).message}`, { cause: error });
  }
}
