/** Decoders of detectors, one file each under src/ml/decoders/. */
export const DETECTOR_DECODERS = ['yolov8', 'yolov5', 'end-to-end', 'tf-od-ssd', 'centernet', 'blazeface'] as const;
export type DetectorDecoderName = (typeof DETECTOR_DECODERS)[number];

export interface DetectorDecoderConfig {
  name: string;
  outputs: string[];
  scoreThreshold: number;
  iouThreshold: number;
  maxDetections: number;
  /** Box coordinates come as fractions (0–1) of the model input instead of input pixels (YOLOv5's TF export). */
  normalizedBoxes?: boolean;
  /** The model's class ids minus this are indices into labels (TF Object Detection API label maps start at 1). */
  classIdOffset?: number;
  /** One suppression over all classes instead of one per class. */
  classAgnostic?: boolean;
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

export type InputLayout = 'NHWC' | 'NCHW';

/**
 * How the image becomes the model input: stretch to the input size; letterbox (scaled to fit, centred, the rest
 * filled with padValue, as ultralytics does); crop (the centred part with the input's aspect, as Teachable Machine does).
 */
export type ResizeMode = 'stretch' | 'letterbox' | 'crop';

export interface ModelInput {
  name: string;
  width: number;
  height: number;
  channels: 3;
  layout: InputLayout;
  /** int32 for graphs whose input is uint8 (TF Object Detection API): values 0–255, rounded. */
  dtype: 'float32' | 'int32';
}

export interface Preprocessing {
  resize: ResizeMode;
  /** Letterbox padding, as an RGB value 0–255 (ultralytics: 114). */
  padValue?: number;
  /** Each RGB value v (0–255) goes to the model as (v * scale + offset − mean[c]) / std[c]. */
  scale: number;
  offset: number;
  mean?: [number, number, number];
  std?: [number, number, number];
  colorOrder: 'RGB' | 'BGR';
}

/** Where a model of the model library came from; absent for bundled models. */
export interface LibraryInfo {
  /** SHA-256 over the model's files and its manifest's decoding choices: the library's key (= weightsSha256). */
  sha256: string;
  /** Versions of one model share the family (the slug of its first name); each new version counts up. */
  family: string;
  versionNumber: number;
  addedAt: string;
  /** What it was added from, for people: "folder yolo_web_model (4 files)", "training run …". */
  origin: string;
}

interface ManifestCommon {
  schema: 1;
  id: string;
  name: string;
  /** TF.js model kind: a graph model (the default when absent) or a Keras layers model. */
  format?: 'graph' | 'layers';
  version: string;
  source: { package: string; packageVersion: string; upstream: string; licence: string };
  input: ModelInput;
  preprocessing: Preprocessing;
  labels: string[];
  files: { path: string; sha256: string; bytes: number }[];
  /**
   * Identifies these exact weights in the prediction cache: a hash over all file hashes (for a library model
   * also over its decoding choices, so a corrected manifest is a new version with its own cached results).
   */
  weightsSha256: string;
  library?: LibraryInfo;
}

export interface DetectorManifest extends ManifestCommon {
  task: 'detect';
  decoder: DetectorDecoderConfig;
}

export interface ClassifierManifest extends ManifestCommon {
  task: 'classify';
  decoder: ClassifierDecoderConfig;
}

/** What a model's manifest.json says: bundled ones are written by scripts/install-models.mjs, the library's on adding. */
export type ModelManifest = DetectorManifest | ClassifierManifest;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isTriple = (v: unknown): v is [number, number, number] => Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === 'number' && Number.isFinite(n));

/**
 * Checks the fields the app relies on and says which one is wrong, rather than failing later in TF.js. Fields added
 * after the bundled manifests were first written (layout, resize, mean/std…) get their defaults when absent.
 */
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
  const { width, height, layout, dtype } = input as Record<string, unknown>;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    fail('input.width/height', 'positive integers');
  }
  if (layout !== undefined && layout !== 'NHWC' && layout !== 'NCHW') fail('input.layout', '"NHWC" or "NCHW"');
  if (dtype !== undefined && dtype !== 'float32' && dtype !== 'int32') fail('input.dtype', '"float32" or "int32"');
  const pre = m.preprocessing;
  if (!isObject(pre) || typeof pre.scale !== 'number' || typeof pre.offset !== 'number') {
    fail('preprocessing.scale/offset', 'numbers');
  }
  const p = pre as Record<string, unknown>;
  if (p.resize !== undefined && p.resize !== 'stretch' && p.resize !== 'letterbox' && p.resize !== 'crop') {
    fail('preprocessing.resize', '"stretch", "letterbox" or "crop"');
  }
  if (p.padValue !== undefined && !(typeof p.padValue === 'number' && p.padValue >= 0 && p.padValue <= 255)) {
    fail('preprocessing.padValue', 'a number from 0 to 255');
  }
  if (p.mean !== undefined && !isTriple(p.mean)) fail('preprocessing.mean', 'three numbers (R, G, B)');
  if (p.std !== undefined && !(isTriple(p.std) && p.std.every((s) => s > 0))) fail('preprocessing.std', 'three positive numbers (R, G, B)');
  if (p.colorOrder !== undefined && p.colorOrder !== 'RGB' && p.colorOrder !== 'BGR') fail('preprocessing.colorOrder', '"RGB" or "BGR"');
  const decoder = m.decoder;
  if (!isObject(decoder) || typeof decoder.name !== 'string') fail('decoder.name', 'a string');
  const d = decoder as Record<string, unknown>;
  if (!Array.isArray(d.outputs)) fail('decoder.outputs', 'an array of tensor names');
  if (m.task === 'detect') {
    for (const key of ['scoreThreshold', 'iouThreshold', 'maxDetections'] as const) {
      if (typeof d[key] !== 'number' || Number.isNaN(d[key])) fail(`decoder.${key}`, 'a number');
    }
    if (d.classIdOffset !== undefined && !Number.isInteger(d.classIdOffset)) fail('decoder.classIdOffset', 'a whole number');
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
  const manifest = json as unknown as ModelManifest;
  return {
    ...manifest,
    input: { ...manifest.input, layout: manifest.input.layout ?? 'NHWC', dtype: manifest.input.dtype ?? 'float32' },
    preprocessing: { ...manifest.preprocessing, resize: manifest.preprocessing.resize ?? 'stretch', colorOrder: manifest.preprocessing.colorOrder ?? 'RGB' },
  };
}

/**
 * Whether the model's detections are suppressed per class (YOLO, as ultralytics does) rather than across classes
 * (CenterNet, whose graph stacks peaks of several classes on one object); merging across tiles does the same.
 */
export const suppressesPerClass = (manifest: ModelManifest): boolean =>
  manifest.task === 'detect' && manifest.decoder.name !== 'centernet' && !manifest.decoder.classAgnostic;
