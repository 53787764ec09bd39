import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Detection } from '../../domain/detection';
import { detectionsToAnnotations, type GeoJsonTarget, splitByClass, toGeoJson } from '../../domain/formats/geojson/export';
import type { GeoJsonFeatureCollection } from '../../domain/formats/geojson/types';
import type { Georeference } from '../../domain/geo/georeference';
import { toWgs84 } from '../../domain/geo/reproject';
import { UsageError } from '../usage';

export interface GeoJsonOutput {
  target: GeoJsonTarget;
  splitByClass: boolean;
  /** A file (one image, not split) or a folder (several images, or split by class); absent: standard output. */
  out?: string;
}

export interface GeoDetected {
  file: string;
  sha256: string;
  georeference: Georeference;
  detections: readonly Detection[];
}

/** Checked before any model runs: several output files need a folder to go in. */
export function checkGeoJsonOutput(files: number, output: GeoJsonOutput): void {
  if ((files > 1 || output.splitByClass) && output.out === undefined) {
    throw new UsageError('GeoJSON for several images, or with --split-by-class, is one file each: give --out <folder>');
  }
}

const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);
const fileSafe = (text: string) => text.replace(/[^\p{L}\p{N}_-]+/gu, '_') || '_';

/**
 * Writes one GeoJSON FeatureCollection per image (and per label with --split-by-class), each in the image's
 * native CRS (named in a "crs" member) or in WGS 84 (RFC 7946). One image without splitting goes to --out as a
 * file (or into it, when it is a folder) or to standard output; otherwise --out is a folder, created if
 * missing, holding <image name>.geojson or <image name>.<label>.geojson. Returns the paths written.
 */
export async function writeGeoJson(
  /** How many images were asked for: one image is one file even when it failed (then nothing is written). */
  inputs: number,
  results: readonly GeoDetected[],
  model: { id: string; version: string },
  output: GeoJsonOutput,
  stdout: (text: string) => void,
): Promise<string[]> {
  const collections: [string, GeoJsonFeatureCollection][] = [];
  const used = new Set<string>();
  for (const result of results) {
    const stem = unique(fileSafe(basename(result.file, extname(result.file))), used);
    const image = { fileName: result.file, sha256: result.sha256, georeference: result.georeference };
    const collection = toGeoJson([{ image, annotations: detectionsToAnnotations(result.detections, model) }], output.target, stem);
    if (!output.splitByClass) collections.push([`${stem}.geojson`, collection]);
    else for (const [label, part] of splitByClass(collection)) collections.push([`${stem}.${fileSafe(label)}.geojson`, part]);
  }
  const json = (c: GeoJsonFeatureCollection) => `${JSON.stringify(c)}\n`;
  const single = inputs === 1 && !output.splitByClass;
  if (results.length === 0) return [];
  if (single && output.out === undefined) {
    stdout(json(collections[0]![1]));
    return [];
  }
  if (output.out === undefined) throw new UsageError('--out <folder> is needed');
  const folder = single ? ((await isFolder(output.out)) ? output.out : undefined) : output.out;
  if (folder === undefined) {
    await writeFile(output.out, json(collections[0]![1]));
    return [output.out];
  }
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const [name, collection] of collections) {
    const path = join(folder, name);
    await writeFile(path, json(collection));
    written.push(path);
  }
  return written;
}

function unique(stem: string, used: Set<string>): string {
  let name = stem;
  for (let n = 2; used.has(name); n++) name = `${stem}-${n}`;
  used.add(name);
  return name;
}

export interface GeoFlags {
  format?: string;
  crs?: string;
  'crs-epsg'?: string;
  /** The text of --crs-def, or of the file it names. */
  'crs-def'?: string;
  'split-by-class'?: boolean;
}

/** --format coco|geojson, and with geojson: --crs native|wgs84, --crs-epsg N or --crs-def <proj4|WKT>, --split-by-class. */
export function parseGeoFlags(flags: GeoFlags): {
  format: 'coco' | 'geojson';
  geo?: { target: GeoJsonTarget; crsEpsg?: number; crsDefinition?: string; splitByClass: boolean };
} {
  const format = flags.format ?? 'coco';
  if (format !== 'coco' && format !== 'geojson') throw new UsageError(`--format must be coco or geojson, got "${format}"`);
  const geoOnly = flags.crs !== undefined || flags['crs-epsg'] !== undefined || flags['crs-def'] !== undefined || flags['split-by-class'] === true;
  if (format === 'coco') {
    if (geoOnly) throw new UsageError('--crs, --crs-epsg and --split-by-class go with --format geojson, as does --crs-def');
    return { format };
  }
  const definition = flags['crs-def'];
  if (definition !== undefined) {
    if (flags['crs-epsg'] !== undefined) throw new UsageError('give --crs-epsg or --crs-def, not both');
    try {
      toWgs84({ wkt: definition });
    } catch (error) {
      throw new UsageError(`--crs-def: ${(error as Error).message.replace(/; export in the native CRS instead$/, '')}`, { cause: error });
    }
  }
  const target = flags.crs ?? 'native';
  if (target !== 'native' && target !== 'wgs84') throw new UsageError(`--crs must be native or wgs84, got "${target}"`);
  const text = flags['crs-epsg'];
  const crsEpsg = text === undefined ? undefined : Number(text);
  if (crsEpsg !== undefined && !(/^\d+$/.test(text!) && crsEpsg > 0 && crsEpsg < 32767)) {
    throw new UsageError(`--crs-epsg must be an EPSG code (a whole number such as 25832), got "${text}"`);
  }
  const crs = { ...(crsEpsg !== undefined ? { crsEpsg } : {}), ...(definition !== undefined ? { crsDefinition: definition } : {}) };
  return { format, geo: { target: target as GeoJsonTarget, ...crs, splitByClass: flags['split-by-class'] === true } };
}
