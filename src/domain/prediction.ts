import {
  CANDIDATE_SCORE_FLOOR,
  DEFAULT_RUN_TILING,
  type DetectParams,
  type DetectRunParams,
  type Detection,
  type RelabelParams,
  type RunTiling,
} from './detection';
import { sha256Hex, stableStringify } from './hash';
import type { ClassifierManifest, ModelManifest } from './model-manifest';
import { DEFAULT_STRETCH, isDefaultStretch, type StretchPercentiles } from './stretch';
import type { ClassifyParams, Tag } from './tag';

/** What a model said about one image, cached so the same image is never inferred twice for the same model and parameters. */
export interface PredictionRecord {
  /** `${imageSha256}|${runKey}` */
  key: string;
  /** Model, weights and parameters: every result of one run setting shares it. */
  runKey: string;
  imageSha256: string;
  modelId: string;
  /** The model's name when the result was made (absent in results made before it was recorded). */
  modelName?: string;
  modelVersion: string;
  weightsSha256: string;
  paramsHash: string;
  params: DetectParams | DetectRunParams | ClassifyParams;
  /** A detector's boxes (empty for a classifier); relabelled by the box labeller when the run chains one. */
  detections: Detection[];
  /** The box labeller chained after the detector, when the run has one: the labels are its. */
  relabelledBy?: ModelProvenance;
  /** A classifier's image-level labels, best first (absent for a detector). */
  tags?: Tag[];
  /** Tiles the image was cut into (absent when the model saw the whole image). */
  tiles?: number;
  backend: string;
  /** Decode + preprocess + inference + box decoding, in milliseconds. */
  elapsedMs: number;
  /** Of which the model itself (execute and read-back), in milliseconds. */
  inferenceMs?: number;
  /** Where the time went, for a run on the whole image (absent for tiled runs and for older results). */
  stages?: PipelineStages;
  createdAt: string;
}

/** One image's way through the worker, in milliseconds: elapsedMs is their sum. */
export interface PipelineStages {
  /** The image's record and bytes read from storage. */
  readMs: number;
  /** Decoded, at the model's input size where the decoder can resize. */
  decodeMs: number;
  /** Brought to the model's input: resized where the decoder did not, normalised, as floats. */
  preprocessMs: number;
  /** The input tensor made on the backend. */
  uploadMs: number;
  /** The model run. */
  inferMs: number;
  /** Its outputs read back. */
  readBackMs: number;
  /** Boxes (or tags) decoded from the outputs. */
  boxesMs: number;
}

export type ModelIdentity = Pick<ModelManifest, 'id' | 'version' | 'weightsSha256'>;

/** Which model made something: id, name, version and weights, as results and suggestions record it. */
export interface ModelProvenance {
  modelId: string;
  modelName: string;
  modelVersion: string;
  weightsSha256: string;
}

export function paramsHash(params: DetectParams | ClassifyParams): Promise<string> {
  return sha256Hex(stableStringify(params));
}

/** (model weights, parameters): a change in either is a different run. */
export function runKey(model: ModelIdentity, hashOfParams: string): string {
  return `${model.id}@${model.weightsSha256}|${hashOfParams}`;
}

/** (image, model weights, parameters): a change in any of them is a different result. */
export function predictionKey(imageSha256: string, run: string): string {
  return `${imageSha256}|${run}`;
}

/** A detector's default parameters; a classifier has none of these (see defaultClassifyParams). */
export function defaultParams(manifest: Pick<ModelManifest, 'decoder'>): DetectParams {
  const { decoder } = manifest;
  if (!('scoreThreshold' in decoder)) throw new Error(`decoder "${decoder.name}" is a classifier's: it has no detection parameters`);
  const { scoreThreshold, iouThreshold, maxDetections } = decoder;
  return { scoreThreshold, iouThreshold, maxDetections };
}

export function defaultClassifyParams(manifest: Pick<ClassifierManifest, 'decoder'>): ClassifyParams {
  return { topK: manifest.decoder.topK, minScore: 0 };
}

/**
 * What a model runs with: detectors with a low score floor (the shown threshold is a filter), classifiers as they are.
 * A stretch other than the default changes what deep rasters look like to the model, so it joins the cache key;
 * the default is left out, so keys made before the stretch was configurable still match.
 */
export function inferenceParams(
  manifest: ModelManifest,
  tiling: RunTiling = DEFAULT_RUN_TILING,
  stretch: StretchPercentiles = DEFAULT_STRETCH,
  relabel?: RelabelParams,
): DetectRunParams | ClassifyParams {
  const custom = isDefaultStretch(stretch) ? {} : { stretch };
  if (manifest.task === 'classify') return { ...defaultClassifyParams(manifest), ...custom };
  return { ...defaultParams(manifest), scoreThreshold: CANDIDATE_SCORE_FLOOR, tiling, ...custom, ...(relabel ? { relabel } : {}) };
}

/**
 * A box labeller chained after this detector, or undefined when the model is not a detector or the labeller is not
 * among the models (removed). Boxes the detector scores at its own default threshold or more are relabelled.
 */
export function relabelParams(detector: ModelManifest, labeller: ModelManifest | undefined): RelabelParams | undefined {
  if (detector.task !== 'detect' || labeller?.task !== 'classify') return undefined;
  return { modelId: labeller.id, weightsSha256: labeller.weightsSha256, minScore: defaultParams(detector).scoreThreshold };
}
