import { toModelInput } from '../domain/model-input';
import type { ModelManifest } from '../domain/model-manifest';

/**
 * Compares two backends' raw outputs for the same input. Values are sorted first, so a backend that
 * orders near-equal top-k rows differently still agrees; one that returns zeros or NaN does not.
 */
export function compareOutputs(
  reference: Float32Array[],
  candidate: Float32Array[],
  { absolute = 0.02, relative = 0.05, allowedMismatch = 0.01 } = {},
): string | undefined {
  if (reference.length !== candidate.length) return `returned ${candidate.length} outputs instead of ${reference.length}`;
  for (let o = 0; o < reference.length; o++) {
    const ref = Float32Array.from(reference[o]!).sort();
    const got = Float32Array.from(candidate[o]!).sort();
    if (ref.length !== got.length) return `output ${o} has ${got.length} values instead of ${ref.length}`;
    let mismatches = 0;
    let worst = 0;
    for (let i = 0; i < ref.length; i++) {
      const diff = Math.abs(ref[i]! - got[i]!);
      if (!(diff <= absolute + relative * Math.abs(ref[i]!))) {
        mismatches++;
        worst = Number.isNaN(diff) ? Number.NaN : Math.max(worst, diff);
      }
    }
    if (mismatches > allowedMismatch * ref.length) {
      return `output ${o}: ${mismatches} of ${ref.length} values differ from the reference (largest difference ${worst.toPrecision(3)})`;
    }
  }
  return undefined;
}

/** A deterministic, textured input (smooth gradients and edges), scaled like a real image would be. */
export function probeInput(width: number, height: number, scale: number, offset: number): Float32Array {
  const out = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = ((x >> 5) + (y >> 5)) % 2 === 0 ? 60 : 0;
      out[i] = (127 + 100 * Math.sin(x / 23) * Math.cos(y / 31) + block) * scale + offset;
      out[i + 1] = ((x * 255) / width) * scale + offset;
      out[i + 2] = ((y * 255) / height) * scale + offset;
    }
  }
  return out;
}

/** One output of a model run: its values and its shape. */
export interface RawOutput {
  data: Float32Array;
  shape: number[];
}

/**
 * The probe as the model sees it. Models that take the image as it is (stretched, RGB, NHWC, one scale and offset)
 * get probeInput as always; the others get the same pattern as an image, preprocessed the way they want it.
 */
export function probeFor(manifest: Pick<ModelManifest, 'input' | 'preprocessing'>): Float32Array {
  const { input, preprocessing: pre } = manifest;
  const plain = pre.resize === 'stretch' && !pre.mean && !pre.std && pre.colorOrder === 'RGB' && input.layout === 'NHWC';
  if (plain) return probeInput(input.width, input.height, pre.scale, pre.offset);
  const rgb = probeInput(input.width, input.height, 1, 0);
  const data = new Uint8ClampedArray(input.width * input.height * 4);
  for (let p = 0; p < input.width * input.height; p++) {
    data.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
  }
  return toModelInput({ data, width: input.width, height: input.height }, input, pre).data;
}
