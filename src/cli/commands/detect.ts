import { writeFile } from 'node:fs/promises';
import type { DetectParams } from '../../domain/detection';
import { exportDataset } from '../../domain/dataset/codec';
import { baseName, type Dataset } from '../../domain/dataset/model';
import { toCoco, type CocoExportEntry } from '../../domain/formats/coco/export';
import type { CocoImage } from '../../domain/formats/coco/types';
import type { Georeference } from '../../domain/geo/georeference';
import { chainedModel, modelSource } from '../../domain/annotation-ops';
import type { ClassifierManifest, ModelManifest } from '../../domain/model-manifest';
import { defaultParams } from '../../domain/prediction';
import type { RasterSource } from '../../domain/raster-source';
import { DEFAULT_OVERLAP, MAX_OVERLAP, tileCount } from '../../domain/tiling';
import type { Engine } from '../../ml/engine';
import { detectOnRaster, planTiling, type TilingChoice } from '../../ml/pipeline';
import { type OpenedFile, type ReadPlan, startImageReader } from '../image-reader';
import type { StretchPercentiles } from '../../domain/stretch';
import { type GeoChoice, georeferenceOfFile } from '../georeference-of-file';
import { checkModelSpec, loadUserModel } from '../model-source';
import { modelsRoot } from '../models-root';
import { writeSetOutput } from '../dataset-io';
import { UsageError } from '../usage';
import { checkGeoJsonOutput, type GeoDetected, writeGeoJson } from './detect-geojson';
import { REPORTED_TILES, tileReporter } from './tile-progress';
import { ProgressSidecar, sidecarPath } from './detect-sidecar';

export type DetectFormat = 'coco' | 'geojson' | 'yolo' | 'voc' | 'csv';

/** Formats written as several files: they need --out (a folder or a .zip). */
const MULTI_FILE: readonly DetectFormat[] = ['yolo', 'voc'];

export interface DetectOptions {
  files: string[];
  /** A bundled model's id, or a model's folder, model.json or zip. */
  model: string;
  /** A manifest.json that pins how a model given by path is run. */
  manifest?: string;
  out?: string;
  threshold?: number;
  verbose: boolean;
  tiling?: TilingChoice;
  /** Default coco. GeoJSON needs each image georeferenced (GeoTIFF tags or a world file beside it). */
  format?: DetectFormat;
  geo?: GeoChoice & { splitByClass: boolean };
  /** Percentiles for TIFFs deeper than 8 bits (default 2 and 98). */
  stretch?: StretchPercentiles;
  /** Continue a killed run from its progress sidecar: images it finished are not run again. */
  resume?: boolean;
  /** A box labeller (a classifier's folder, model.json or zip) that relabels every box the detector finds. */
  relabel?: string;
}

export type { TilingChoice };

export interface TilingFlags {
  tile?: string;
  overlap?: string;
  'whole-pass'?: boolean;
  'no-tile'?: boolean;
}

/** --tile <px> (forces tiling), --overlap <0..0.9>, --whole-pass, --no-tile (forces one whole-image run). */
export function parseTiling(flags: TilingFlags): TilingChoice {
  const noTile = flags['no-tile'] === true;
  const wholeImagePass = flags['whole-pass'] === true;
  if (noTile && (flags.tile !== undefined || flags.overlap !== undefined || wholeImagePass)) {
    throw new UsageError('--no-tile cannot be combined with --tile, --overlap or --whole-pass');
  }
  let tileSize: number | undefined;
  if (flags.tile !== undefined) {
    tileSize = Number(flags.tile);
    if (!Number.isInteger(tileSize) || tileSize < 32 || tileSize > 8192) {
      throw new UsageError(`--tile must be a whole number of pixels from 32 to 8192, got "${flags.tile}"`);
    }
  }
  let overlap = DEFAULT_OVERLAP;
  if (flags.overlap !== undefined) {
    overlap = Number(flags.overlap);
    if (flags.overlap.trim() === '' || !(overlap >= 0 && overlap <= MAX_OVERLAP)) {
      throw new UsageError(`--overlap must be a number from 0 to ${MAX_OVERLAP}, got "${flags.overlap}"`);
    }
  }
  const mode = noTile ? 'whole' : tileSize !== undefined ? 'tiled' : 'auto';
  return { mode, ...(tileSize !== undefined ? { tileSize } : {}), overlap, wholeImagePass };
}

export interface Output {
  stdout: (text: string) => void;
  stderr: (line: string) => void;
}

type CocoImageWithHash = CocoImage & { sha256: string; tiles?: number };

const ms = (value: number) => `${Math.round(value)} ms`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runDetect(options: DetectOptions, io: Output): Promise<number> {
  const geo = options.format === 'geojson' ? (options.geo ?? { target: 'native', splitByClass: false }) : undefined;
  if (geo) checkGeoJsonOutput(options.files.length, { ...geo, ...(options.out !== undefined ? { out: options.out } : {}) });
  if (options.resume && options.out === undefined) throw new UsageError('--resume continues a run that writes to --out: give the same --out as the run that stopped');
  if (options.format && MULTI_FILE.includes(options.format) && options.out === undefined) {
    throw new UsageError(`--format ${options.format} writes several files: give --out <folder> or --out <file.zip>`);
  }
  const root = modelsRoot();
  const kind = await checkModelSpec(root, options.model);
  if (options.manifest && kind === 'bundled') throw new UsageError('--manifest goes with --model <folder>, not with a bundled model');
  // Loaded only now: TF.js takes a moment to start, and a mistyped model name should not wait for it.
  const { createNodeEngine } = await import('../../ml/node');
  const engine = createNodeEngine(root);
  const reader = startImageReader(); // starts while the model loads
  const loadStart = performance.now();
  let manifest: ModelManifest;
  let labeller: ClassifierManifest | undefined;
  try {
    manifest = kind === 'bundled' ? await engine.load(options.model) : (await loadUserModel(engine, options.model, options.manifest)).manifest;
    if (manifest.task !== 'detect') throw new UsageError(`model "${options.model}" is a ${manifest.task} model, not a detector`);
    labeller = options.relabel ? await loadLabeller(engine, options.relabel, io) : undefined;
  } catch (error) {
    await reader.close(); // a reader thread left running would keep the command from exiting
    throw error;
  }
  const choice = options.tiling ?? parseTiling({});
  // A box labeller cuts its crops from the image at full size: then nothing is read at the model's size ahead.
  const plan: ReadPlan | undefined = labeller ? undefined : { input: manifest.input, resize: manifest.preprocessing.resize ?? 'stretch', tiling: choice.mode };
  const opening = readAhead(options.files, (file) => reader.open(file, plan, options.stretch));
  opening.prime();
  const backend = await engine.prepare(manifest.id).catch(async (error: unknown) => {
    await reader.close();
    throw error;
  });
  for (const skipped of backend.skipped) io.stderr(`workbench: ${manifest.id}: ${skipped.name} skipped: ${skipped.reason}`);
  if (options.verbose) {
    const ready = ms(performance.now() - loadStart);
    io.stderr(`workbench: ${manifest.id} ready on ${backend.backend} in ${ready} (warm-up ${ms(backend.warmupMs)})`);
  }
  const params: DetectParams = { ...defaultParams(manifest) };
  if (options.threshold !== undefined) params.scoreThreshold = options.threshold;

  const entries: CocoExportEntry<CocoImageWithHash>[] = [];
  const located: GeoDetected[] = [];
  let failures = 0;
  const runOptions = { model: `${manifest.id}@${manifest.version}`, weights: manifest.weightsSha256, relabel: labeller?.weightsSha256 ?? null, params, choice, format: options.format ?? 'coco', geo, stretch: options.stretch };
  // Output to a file keeps each finished image in a sidecar as it finishes (standard output cannot be resumed).
  const sidecar = options.out === undefined ? null : await ProgressSidecar.open(sidecarPath(options.out), runOptions, options.resume === true, (line) => io.stderr(`workbench: ${line}`));
  for (const [index, file] of options.files.entries()) {
    try {
      const earlier = await sidecar?.earlier(file);
      if (earlier) {
        entries.push({ image: { ...earlier.image, id: entries.length + 1 }, detections: earlier.detections });
        if (earlier.georeference) located.push({ file, sha256: earlier.image.sha256, georeference: earlier.georeference, detections: earlier.detections });
        if (options.verbose) io.stderr(`workbench: ${file}: done by the earlier run (${plural(earlier.detections.length, 'detection')})`);
        continue;
      }
      const progress = options.verbose ? (line: string) => io.stderr(`workbench: ${file}: ${line}`) : undefined;
      // For GeoJSON the georeference is settled before the model runs, so a file without one fails fast.
      const found: { georeference?: Georeference } = {};
      const locate = geo
        ? async (source: RasterSource) => {
            const { georeference, notes } = await georeferenceOfFile(file, source, geo);
            for (const note of notes) io.stderr(`workbench: ${file}: ${note}`);
            found.georeference = georeference;
          }
        : undefined;
      const large = (total: number, about: { width: number; height: number; tileSize: number; overlap: number }) =>
        tileReporter(file, total, { ...about, msPerTile: backend.warmupMs }, io.stderr);
      const relabel = labeller && { labeller, minScore: params.scoreThreshold };
      const { image, detections, summary } = await detectFile(engine, manifest, file, opening.take(index), params, choice, entries.length + 1, progress, locate, large, relabel);
      entries.push({ image, detections });
      if (found.georeference) located.push({ file, sha256: image.sha256, georeference: found.georeference, detections });
      await sidecar?.add({ file, image, detections, ...(found.georeference ? { georeference: found.georeference } : {}) });
      if (options.verbose) io.stderr(`workbench: ${file}: ${summary}`);
    } catch (error) {
      failures++;
      io.stderr(`workbench: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  await reader.close();
  await writeOutput(options, { entries, located, manifest, labeller, backend: backend.backend, params, choice }, io);
  await sidecar?.finish();
  return failures > 0 ? 1 : 0;
}

/** The run's output, in the format asked for, once every image is done. */
async function writeOutput(
  options: DetectOptions,
  run: {
    entries: CocoExportEntry<CocoImageWithHash>[];
    located: GeoDetected[];
    manifest: ModelManifest;
    labeller: ClassifierManifest | undefined;
    backend: string;
    params: DetectParams;
    choice: TilingChoice;
  },
  io: Output,
): Promise<void> {
  const { entries, located, manifest, labeller, backend, params, choice } = run;
  const labels = labeller?.labels ?? manifest.labels;
  const provenance = labeller ? chainedModel(manifest, labeller) : manifest;
  if (options.format === 'geojson') {
    const geo = options.geo ?? { target: 'native', splitByClass: false };
    const written = await writeGeoJson(options.files.length, located, provenance, { ...geo, ...(options.out !== undefined ? { out: options.out } : {}) }, io.stdout);
    if (options.verbose) for (const path of written) io.stderr(`workbench: wrote ${path}`);
    return;
  }

  if (options.format === 'yolo' || options.format === 'voc' || options.format === 'csv') {
    const set = exportDataset(options.format, detectionsAsDataset(entries, provenance, labels));
    if (options.out === undefined) io.stdout(Object.values(set.files)[0] ?? '');
    else for (const path of await writeSetOutput(set, undefined, options.out)) if (options.verbose) io.stderr(`workbench: wrote ${path}`);
    return;
  }

  const coco = {
    info: {
      description: `workbench detect, model ${manifest.id} ${manifest.version}`,
      model: { id: manifest.id, name: manifest.name, version: manifest.version, weights_sha256: manifest.weightsSha256, backend },
      ...(labeller ? { relabelled_by: { id: labeller.id, name: labeller.name, version: labeller.version, weights_sha256: labeller.weightsSha256, min_detector_score: params.scoreThreshold } } : {}),
      params,
      tiling: {
        mode: choice.mode,
        tile_size: choice.tileSize ?? Math.max(manifest.input.width, manifest.input.height),
        overlap: choice.overlap,
        whole_image_pass: choice.wholeImagePass,
      },
      date_created: new Date().toISOString(),
    },
    ...toCoco(entries, labels),
  };
  const json = `${JSON.stringify(coco, null, 2)}\n`;
  if (options.out) await writeFile(options.out, json);
  else io.stdout(json);
}

/** The detections as a dataset: suggestions with their scores, images by file name, every model label a class. */
function detectionsAsDataset(entries: readonly CocoExportEntry<CocoImageWithHash>[], model: { id: string; version: string }, labels: readonly string[]): Dataset {
  const source = modelSource(model);
  return {
    labels: [...labels],
    images: entries.map(({ image }) => ({ fileName: baseName(image.file_name), width: image.width, height: image.height })),
    annotations: entries.flatMap(({ image, detections }) =>
      detections.map((d) => ({ imageFileName: baseName(image.file_name), label: d.label, box: d.box, score: d.score, status: 'suggested' as const, source })),
    ),
  };
}

/** The box labeller given with --relabel: a classifier, read, checked and loaded as --model reads one. */
async function loadLabeller(engine: Engine, path: string, io: Output): Promise<ClassifierManifest> {
  const { manifest } = await loadUserModel(engine, path);
  if (manifest.task !== 'classify') throw new UsageError(`--relabel ${path}: a ${manifest.task} model; the box labeller must be a classifier (such as "workbench train --task boxes" writes)`);
  const report = await engine.prepare(manifest.id);
  for (const skipped of report.skipped) io.stderr(`workbench: ${manifest.id}: ${skipped.name} skipped: ${skipped.reason}`);
  return manifest;
}

/**
 * Opens file i when asked for it and, at the same time, the `depth` files after it: the reader thread reads and
 * decodes the next files while the model runs on this one (depths 2 and 4 measured alike with the bundled
 * models). `prime` starts the first one early (while the model warms up).
 */
export function readAhead<T>(files: readonly string[], open: (file: string) => Promise<T>, depth = 2) {
  const started = new Map<number, Promise<T>>();
  const start = (index: number) => {
    if (index >= files.length || started.has(index)) return;
    const opened = open(files[index]!);
    opened.catch(() => undefined); // reported when its turn comes
    started.set(index, opened);
  };
  return {
    prime: () => start(0),
    take(index: number): Promise<T> {
      for (let i = index; i <= index + depth; i++) start(i);
      const opened = started.get(index)!;
      started.delete(index);
      return opened;
    },
  };
}

async function detectFile(
  engine: Engine,
  manifest: ModelManifest,
  file: string,
  opening: Promise<OpenedFile>,
  params: DetectParams,
  choice: TilingChoice,
  id: number,
  progress?: (line: string) => void,
  beforeDetect?: (source: RasterSource) => Promise<void>,
  /** Reports a run of REPORTED_TILES tiles or more, whatever --verbose says. */
  large?: (total: number, about: { width: number; height: number; tileSize: number; overlap: number }) => (progress: { done: number }) => void,
  relabel?: { labeller: ClassifierManifest; minScore: number },
) {
  const start = performance.now();
  const { source, pixels, sha256 } = await opening;
  await beforeDetect?.(source);
  const decodedAt = performance.now();
  const { width, height } = source;
  const tiling = planTiling(source, manifest, choice);
  let onProgress: ((progress: { done: number; total: number }) => void) | undefined;
  if (tiling) {
    let reported = 0;
    const runs = tileCount(width, height, tiling.tileSize, tiling.overlap) + (tiling.wholeImagePass ? 1 : 0);
    const reportLarge = runs >= REPORTED_TILES ? large?.(runs, { width, height, tileSize: tiling.tileSize, overlap: tiling.overlap }) : undefined;
    onProgress = ({ done, total }) => {
      if (reportLarge) return reportLarge({ done });
      if (!progress || total < 20 || Math.floor((done * 10) / total) === reported) return;
      reported = Math.floor((done * 10) / total);
      progress(`${done}/${total} model runs`);
    };
  }
  const result = await detectOnRaster(engine, manifest, source, params, tiling, {
    ...(onProgress ? { onProgress } : {}),
    ...(pixels ? { decoded: pixels } : {}),
    ...(relabel ? { relabel: { ...relabel, detector: engine } } : {}),
  });
  const relabelMs = result.relabelMs;
  const total = performance.now() - start;
  const t = result.timings;
  const image: CocoImageWithHash = { id, file_name: file, width, height, sha256, ...(tiling ? { tiles: result.tiles } : {}) };
  const how = tiling
    ? `tiled: ${plural(result.tiles, 'tile')} of ${tiling.tileSize} px, overlap ${tiling.overlap}` +
      `${tiling.wholeImagePass ? ' + whole-image pass' : ''}, ${result.rawDetections} before merging, `
    : '';
  const reads = result.timings.readMs > 0 ? `, read pixels ${ms(result.timings.readMs)}` : '';
  const summary =
    `${width}×${height}, ${plural(result.detections.length, 'detection')}, ${how}` +
    `waited for read+decode+hash ${ms(decodedAt - start)}${reads}, preprocess ${ms(t.preprocessMs)}, inference ${ms(t.inferenceMs)}, ` +
    `postprocess ${ms(t.postprocessMs)}, ${relabel ? `relabel ${ms(relabelMs)}, ` : ''}total ${ms(total)} (${result.backend})`;
  return { image, detections: result.detections, summary };
}
