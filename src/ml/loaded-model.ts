import type { ModelManifest } from '../domain/model-manifest';
import { readModelArtifacts, type ReadModelFile } from './model-files';
import { tf } from './tf';

/** A TF.js model of either kind behind one call: the input tensor in, the decoder's outputs out. */
export interface TfModel {
  /** Runs the model; the caller disposes the input and the returned tensors. */
  run(input: tf.Tensor): Promise<tf.Tensor[]>;
  /** Frees the weights. */
  dispose(): void;
  /** The outputs run returns, in its order (a layers model: its output layers). */
  outputNames: string[];
}

const asList = (result: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(result) ? result : [result]);

/** Graphs with control flow or dynamic shapes (TF Object Detection API's NMS) cannot run synchronously. */
const needsAsync = (error: unknown) => error instanceof Error && /executeAsync/.test(error.message);

/** Reads the hash-checked files of a model folder and loads them as a graph model or, for format "layers", a layers model. */
export async function loadTfModel(read: ReadModelFile, modelDir: string, manifest: ModelManifest): Promise<TfModel> {
  return loadArtifacts(await readModelArtifacts(read, modelDir, manifest), manifest.format ?? 'graph', manifest.input.name, manifest.decoder.outputs);
}

/** Loads model artifacts already read; `outputs` empty runs the graph's own outputs. */
export async function loadArtifacts(artifacts: tf.io.ModelArtifacts, format: 'graph' | 'layers', inputName: string, outputs: readonly string[]): Promise<TfModel> {
  const handler = tf.io.fromMemory(artifacts);
  if (format === 'layers') {
    const layers = await tf.loadLayersModel(handler);
    return {
      run: async (input) => tf.tidy(() => asList(layers.predict(input))),
      dispose() {
        // A model of nested models (Teachable Machine's: base and head) keeps the inner ones' weights after
        // dispose(), each still counted as used by its own model: free whatever is left.
        const weights = layers.weights;
        layers.dispose();
        for (const weight of weights) {
          try {
            weight.dispose();
          } catch {
            // freed by layers.dispose() already: LayerVariable has no public "is disposed"
          }
        }
      },
      outputNames: [...layers.outputNames],
    };
  }
  const graph = await tf.loadGraphModel(handler);
  const names = outputs.length > 0 ? [...outputs] : graph.outputNodes;
  let dynamic = false;
  return {
    async run(input) {
      const feed = { [inputName]: input };
      if (!dynamic) {
        try {
          return tf.tidy(() => asList(graph.execute(feed, names)));
        } catch (error) {
          if (!needsAsync(error)) throw error;
          dynamic = true;
        }
      }
      return asList(await graph.executeAsync(feed, names));
    },
    dispose: () => graph.dispose(),
    outputNames: names,
  };
}
