export interface DetectorDecoderConfig {
  name: string;
  outputs: string[];
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
}

/** softmax / sigmoid turn raw scores (logits) into probabilities; none: the model already outputs them. */
export type ClassifierActivation = 'softmax' | 'sigmoid' | 'none';

export interface ClassifierDecoderConfig {
  name: string;
  outputs: string[];
  activation: ClassifierActivation;
  /** How many labels to keep by default, best first. */
  topK: number;
}

interface ManifestCommon {
  schema: 1;
  id: string;
  name: string;
  /** TF.js model kind: a graph model (the default when absent) or a Keras layers model. */
  format?: 'graph' | 'layers';
  version: string;
  source: { package: string; packageVersion: string; upstream: string; licence: string };
  input: { name: string; width: number; height: number; channels: 3; layout: 'NHWC'; dtype: 'float32' };
  /** Each RGB value v (0–255) goes to the model as v * scale + offset. */
  preprocessing: { resize: 'stretch'; scale: number; offset: number; colorOrder: 'RGB' };
  labels: string[];
  files: { path: string; sha256: string; bytes: number }[];
  /** Hash over all file hashes: identifies these exact weights in the prediction cache. */
  weightsSha256: string;
}

export interface DetectorManifest extends ManifestCommon {
  task: 'detect';
  decoder: DetectorDecoderConfig;
}

export interface ClassifierManifest extends ManifestCommon {
  task: 'classify';
  decoder: ClassifierDecoderConfig;
}

/** What public/models/<id>/manifest.json says about a bundled model (written by scripts/install-models.mjs). */
export type ModelManifest = DetectorManifest | ClassifierManifest;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks the fields the app relies on and says which one is wrong, rather than failing later in TF.js. */
export function parseManifest(json: unknown, where: string): ModelManifest {
  const fail = (field: string, expected: string): never => {
    throw new ManifestError(`${where}: field "${field}" must be ${expected}`);
  };
  if (!isObject(json)) fail('(root)', 'an object');
  const m = json as Record<string, unknown>;
  if (m.schema !== 1) fail('schema', '1');
  for (const key of ['id', 'name', 'version', 'weightsSha256'] as const) {
    if (typeof m[key] !== 'string' || m[key] === '') fail(key, 'a non-empty string');
  }
  if (m.task !== 'detect' && m.task !== 'classify') fail('task', '"detect" or "classify"');
  if (m.format !== undefined && m.format !== 'graph' && m.format !== 'layers') fail('format', '"graph" or "layers" (or absent)');
  const input = m.input;
  if (!isObject(input) || typeof input.name !== 'string') fail('input.name', 'a string');
  const { width, height } = input as Record<string, unknown>;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    fail('input.width/height', 'positive integers');
  }
  const pre = m.preprocessing;
  if (!isObject(pre) || typeof pre.scale !== 'number' || typeof pre.offset !== 'number') {
    fail('preprocessing.scale/offset', 'numbers');
  }
  const decoder = m.decoder;
  if (!isObject(decoder) || typeof decoder.name !== 'string') fail('decoder.name', 'a string');
  const d = decoder as Record<string, unknown>;
  if (!Array.isArray(d.outputs)) fail('decoder.outputs', 'an array of tensor names');
  if (m.task === 'detect') {
    for (const key of ['scoreThreshold', 'iouThreshold', 'maxDetections'] as const) {
      if (typeof d[key] !== 'number' || Number.isNaN(d[key])) fail(`decoder.${key}`, 'a number');
    }
  } else {
    if (d.activation !== 'softmax' && d.activation !== 'sigmoid' && d.activation !== 'none') {
      fail('decoder.activation', '"softmax", "sigmoid" or "none"');
    }
    if (!Number.isInteger(d.topK) || (d.topK as number) < 1) fail('decoder.topK', 'a positive integer');
  }
  if (!Array.isArray(m.labels) || m.labels.length === 0 || !m.labels.every((l) => typeof l === 'string')) {
    fail('labels', 'a non-empty array of strings');
  }
  const files = m.files;
  if (
    !Array.isArray(files) ||
    !files.some((f) => isObject(f) && f.path === 'model.json') ||
    !files.every((f) => isObject(f) && typeof f.path === 'string' && /^[0-9a-f]{64}$/.test(String(f.sha256)))
  ) {
    fail('files', 'a list of {path, sha256} including model.json');
  }
  return json as unknown as ModelManifest;
}
