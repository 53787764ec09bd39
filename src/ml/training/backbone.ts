// The bundled backbone that turns an image or a box's crop into a feature vector: the content classifier's
// MobileNetV2 cut after its pooled features (1280 values), taking Teachable Machine's input (the centred square,
// 224 × 224, v / 127 − 1) so the trained model is a Teachable Machine image model. See the README for the figures
// it was chosen by.
import type { ModelFiles } from '../../domain/model-import/files';
import { hashModelFiles, modelIdentity } from '../../domain/model-import/identity';
import type { ClassifierManifest } from '../../domain/model-manifest';
import { deriveEmbedder, type EmbedderSpec } from '../../domain/training/layers-model';
import { TEACHABLE_SIZE } from '../../domain/training/teachable';
import { ModelFileError, readManifest, readVerifiedFile, type ReadModelFile } from '../model-files';
import { BACKBONE_ID } from './constants';

export { BACKBONE_ID };

export const FEATURE_LAYER = 'flatten_1';
export const FEATURES = 1280;

/** MobileNetV2 takes v / 255; Teachable Machine gives v / 127 − 1: (x + 1) · 127 / 255 maps one onto the other. */
const SPEC: EmbedderSpec = { featureLayer: FEATURE_LAYER, scaleLayer: 'workbench_input_scale', inputScale: { scale: 127 / 255, offset: 127 / 255 } };

export interface Embedder {
  /** How the engine runs it: Teachable Machine's input, the features as the one output. */
  manifest: ClassifierManifest;
  /** model.json and weights.bin of the cut backbone. */
  files: ModelFiles;
  /** Identity of the embedder (its files and input choices): the embedding cache keys on it. */
  sha256: string;
  backboneName: string;
}

/**
 * Reads the bundled backbone's files (hash-checked against its manifest) and derives the embedder. A file that cannot
 * be read (offline, and not in the offline cache) is named, with the backbone it belongs to.
 */
export async function loadEmbedder(read: ReadModelFile, modelDir = `models/${BACKBONE_ID}`): Promise<Embedder> {
  let bundled;
  let modelJson: ArrayBuffer;
  let weights: ArrayBuffer;
  try {
    bundled = await readManifest(read, modelDir);
    modelJson = await readVerifiedFile(read, modelDir, bundled, 'model.json');
    weights = await readVerifiedFile(read, modelDir, bundled, 'weights.bin');
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ModelFileError(`the backbone ${BACKBONE_ID} (MobileNetV2), which makes the embeddings, could not be read: ${why}`);
  }
  const derived = deriveEmbedder({ modelJson: new Uint8Array(modelJson), weights: new Uint8Array(weights) }, SPEC);
  const files = new Map([
    ['model.json', derived.modelJson],
    ['weights.bin', derived.weights],
  ]);
  const manifest: ClassifierManifest = {
    schema: 1,
    id: `embedder-${BACKBONE_ID}`,
    name: `${bundled.name}: features (${FEATURE_LAYER}, ${FEATURES} values)`,
    task: 'classify',
    format: 'layers',
    version: bundled.version,
    source: bundled.source,
    input: { name: bundled.input.name, width: TEACHABLE_SIZE, height: TEACHABLE_SIZE, channels: 3, layout: 'NHWC', dtype: 'float32' },
    preprocessing: { resize: 'crop', scale: 1 / 127, offset: -1, colorOrder: 'RGB' },
    labels: ['features'],
    decoder: { name: 'classifier', outputs: [FEATURE_LAYER], activation: 'none', topK: 1 },
    files: await hashModelFiles(files, ['model.json', 'weights.bin']),
    weightsSha256: '',
  };
  const sha256 = await modelIdentity(manifest);
  return { manifest: { ...manifest, weightsSha256: sha256 }, files, sha256, backboneName: bundled.name };
}
