import type { DetectParams, Detection } from './detection';
import { sha256Hex, stableStringify } from './hash';
import type { ModelManifest } from './model-manifest';

/** What a model said about one image, cached so the same image is never inferred twice for the same model and parameters. */
export interface PredictionRecord {
  /** `${imageSha256}|${runKey}` */
  key: string;
  /** Model, weights and parameters: every result of one run setting shares it. */
  runKey: string;
  imageSha256: string;
  modelId: string;
  modelVersion: string;
  weightsSha256: string;
  paramsHash: string;
  params: DetectParams;
  detections: Detection[];
  backend: string;
  /** Decode + preprocess + inference + box decoding, in milliseconds. */
  elapsedMs: number;
  createdAt: string;
}

export type ModelIdentity = Pick<ModelManifest, 'id' | 'version' | 'weightsSha256'>;

export function paramsHash(params: DetectParams): Promise<string> {
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

export function defaultParams(manifest: Pick<ModelManifest, 'decoder'>): DetectParams {
  const { scoreThreshold, iouThreshold, maxDetections } = manifest.decoder;
  return { scoreThreshold, iouThreshold, maxDetections };
}
