import type { ModelManifest } from '../domain/model-manifest';
import { readModelArtifacts, type ReadModelFile } from './model-files';
import { tf } from './tf';

/** A TF.js model of either kind behind one call: NHWC input in, the decoder's outputs out. */
export interface TfModel {
  /** Runs the model synchronously; the caller disposes the returned tensors. */
  run(input: tf.Tensor4D): tf.Tensor[];
  /** Frees the weights. */
  dispose(): void;
}

const asList = (result: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(result) ? result : [result]);

/** Reads the hash-checked files of a model folder and loads them as a graph model or, for format "layers", a layers model. */
export async function loadTfModel(read: ReadModelFile, modelDir: string, manifest: ModelManifest): Promise<TfModel> {
  const handler = tf.io.fromMemory(await readModelArtifacts(read, modelDir, manifest));
  if (manifest.format === 'layers') {
    const layers = await tf.loadLayersModel(handler);
    return { run: (input) => asList(layers.predict(input)), dispose: () => layers.dispose() };
  }
  const graph = await tf.loadGraphModel(handler);
  return {
    run: (input) => asList(graph.execute({ [manifest.input.name]: input }, manifest.decoder.outputs)),
    dispose: () => graph.dispose(),
  };
}
