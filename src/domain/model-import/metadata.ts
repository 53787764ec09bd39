import { parse as parseYaml } from 'yaml';
import { type ModelManifest, parseManifest, ManifestError } from '../model-manifest';
import { ModelImportError } from './errors';
import type { ModelFiles } from './files';

/** What an ultralytics export's metadata.yaml says. */
export interface UltralyticsMetadata {
  names: string[];
  /** [height, width]. */
  imgsz?: [number, number];
  task?: string;
  description?: string;
  author?: string;
  license?: string;
  version?: string;
  date?: string;
}

/** What a Teachable Machine image export's metadata.json says. */
export interface TeachableMetadata {
  labels: string[];
  imageSize: number;
  modelName?: string;
  packageName?: string;
  tmVersion?: string;
}

export interface FolderMetadata {
  ultralytics?: UltralyticsMetadata;
  teachable?: TeachableMetadata;
  /** labels.txt: one label per line. */
  labelsTxt?: string[];
  /** A manifest.json beside the model (one the workbench exported, or written by hand): it pins every choice. */
  pinned?: ModelManifest;
}

/** The metadata files a model may come with, and the ones read here. */
export const METADATA_FILES = ['metadata.yaml', 'metadata.yml', 'metadata.json', 'labels.txt', 'manifest.json'] as const;

const text = (files: ModelFiles, path: string): string | undefined => {
  const bytes = files.get(path);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ModelImportError(`${path} is not UTF-8 text`);
  }
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads metadata.yaml (ultralytics), metadata.json (Teachable Machine), labels.txt and manifest.json where present. */
export function readModelMetadata(files: ModelFiles): FolderMetadata {
  const found: FolderMetadata = {};
  const yamlPath = files.has('metadata.yaml') ? 'metadata.yaml' : files.has('metadata.yml') ? 'metadata.yml' : undefined;
  if (yamlPath) found.ultralytics = readUltralytics(text(files, yamlPath)!, yamlPath);
  const json = text(files, 'metadata.json');
  if (json !== undefined) {
    const teachable = readTeachable(json);
    if (teachable) found.teachable = teachable;
  }
  const labels = text(files, 'labels.txt');
  if (labels !== undefined) {
    const lines = labels.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length === 0) throw new ModelImportError('labels.txt is empty: give one label per line');
    found.labelsTxt = lines;
  }
  const pinned = text(files, 'manifest.json');
  if (pinned !== undefined) {
    try {
      found.pinned = parseManifest(JSON.parse(pinned), 'manifest.json');
    } catch (error) {
      if (error instanceof ManifestError) throw new ModelImportError(error.message);
      throw new ModelImportError(`manifest.json is not valid JSON (${(error as Error).message})`);
    }
  }
  return found;
}

function readUltralytics(source: string, path: string): UltralyticsMetadata {
  let doc: unknown;
  try {
    doc = parseYaml(source, { maxAliasCount: 100 });
  } catch (error) {
    throw new ModelImportError(`${path} is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObject(doc)) throw new ModelImportError(`${path}: expected a map of fields such as names and imgsz`);
  const names = namesOf(doc.names, path);
  const imgsz = imgszOf(doc.imgsz, path);
  const str = (key: string) => (doc[key] === undefined || doc[key] === null ? undefined : String(doc[key]));
  const fields = { task: str('task'), description: str('description'), author: str('author'), license: str('license'), version: str('version'), date: str('date') };
  return { names, ...(imgsz ? { imgsz } : {}), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
}

/** `names` as ultralytics writes it: a map of index → name (block or flow), or a list. */
function namesOf(value: unknown, path: string): string[] {
  if (Array.isArray(value) && value.length > 0) return value.map(String);
  if (isObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [Number(k), String(v)] as const);
    const indices = entries.map(([k]) => k).sort((a, b) => a - b);
    if (entries.length > 0 && indices.every((k, i) => k === i)) return [...entries].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    throw new ModelImportError(`${path}: field "names" must number its classes 0, 1, 2, … without gaps`);
  }
  throw new ModelImportError(`${path}: field "names" must be a map of class index → name, or a list of names`);
}

function imgszOf(value: unknown, path: string): [number, number] | undefined {
  if (value === undefined || value === null) return undefined;
  const sizes = Array.isArray(value) ? value.map(Number) : [Number(value), Number(value)];
  if (sizes.length === 1) sizes.push(sizes[0]!);
  if (sizes.length !== 2 || !sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new ModelImportError(`${path}: field "imgsz" must be a size in pixels or [height, width]`);
  }
  return [sizes[0]!, sizes[1]!];
}

/** Teachable Machine's metadata.json; undefined for another tool's metadata.json (not an error). */
function readTeachable(source: string): TeachableMetadata | undefined {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new ModelImportError(`metadata.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(json) || !('labels' in json)) return undefined;
  if (!Array.isArray(json.labels) || json.labels.length === 0 || !json.labels.every((l) => typeof l === 'string')) {
    throw new ModelImportError('metadata.json: field "labels" must be a non-empty list of class names');
  }
  const imageSize = json.imageSize === undefined ? 224 : Number(json.imageSize);
  if (!Number.isInteger(imageSize) || imageSize < 1) throw new ModelImportError('metadata.json: field "imageSize" must be a size in pixels');
  const str = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : undefined);
  const optional = { modelName: str('modelName'), packageName: str('packageName'), tmVersion: str('tmVersion') };
  return { labels: json.labels as string[], imageSize, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) };
}
