import type { DetectParams, Detection } from '../../domain/detection';
import type { InputPlacement } from '../../domain/model-input';
import type { ModelManifest } from '../../domain/model-manifest';

export interface DecodeContext {
  manifest: ModelManifest;
  params: DetectParams;
  /** Size of the original image: boxes come back in its pixels. */
  imageWidth: number;
  imageHeight: number;
  /** Where the image sat in the model input (absent: stretched over the whole input). */
  placement?: InputPlacement;
  /** Shape of each output, in the same order (absent: the decoder knows its layout without them). */
  shapes?: readonly (readonly number[])[];
}

/** Turns the model's raw outputs (in manifest.decoder.outputs order) into detections. Pure: no tensors. */
export type Decoder = (outputs: Float32Array[], context: DecodeContext) => Detection[];
