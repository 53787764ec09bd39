import type { DetectParams, Detection } from '../../domain/detection';
import type { ModelManifest } from '../../domain/model-manifest';

export interface DecodeContext {
  manifest: ModelManifest;
  params: DetectParams;
  /** Size of the original image: boxes come back in its pixels. */
  imageWidth: number;
  imageHeight: number;
}

/** Turns the model's raw outputs (in manifest.decoder.outputs order) into detections. Pure: no tensors. */
export type Decoder = (outputs: Float32Array[], context: DecodeContext) => Detection[];
