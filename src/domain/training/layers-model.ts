// A Keras functional model (a TF.js layers model.json) edited as JSON: cut at a feature layer, a per-channel scale
// put in front, a softmax head put on top. No TF.js: the files come out as TF.js and Keras read them.
import { weightBytes, type WeightEntry } from '../model-import/model-json';

interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  /** [[[layer name, node index, tensor index, kwargs], …]] for each call of the layer. */
  inbound_nodes: [string, number, number, Record<string, unknown>?][][];
}

interface FunctionalConfig {
  name: string;
  layers: KerasLayer[];
  input_layers: [string, number, number][];
  output_layers: [string, number, number][];
}

export interface LayersModelFiles {
  /** model.json as TF.js writes a layers model: topology and one weights group in weights.bin. */
  modelJson: Uint8Array;
  weights: Uint8Array;
}

interface ModelJsonDoc {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology: { keras_version?: string; backend?: string; model_config: { class_name: string; config: FunctionalConfig }; training_config?: unknown };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
}

export class LayersModelError extends Error {
  override name = 'LayersModelError';
}

const WEIGHTS_FILE = 'weights.bin';

function readDoc(bytes: Uint8Array): ModelJsonDoc {
  const doc = JSON.parse(new TextDecoder().decode(bytes)) as ModelJsonDoc;
  const config = doc.modelTopology?.model_config;
  if (!config || config.class_name !== 'Model' || !Array.isArray(config.config?.layers)) {
    throw new LayersModelError('the backbone must be a Keras functional model (model_config of class "Model")');
  }
  return doc;
}

const encode = (doc: unknown) => new TextEncoder().encode(JSON.stringify(doc));

/** Every layer `name` depends on, itself included. */
function ancestors(layers: readonly KerasLayer[], name: string): Set<string> {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const kept = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (kept.has(next)) continue;
    const layer = byName.get(next);
    if (!layer) throw new LayersModelError(`the backbone has no layer "${next}"`);
    kept.add(next);
    for (const node of layer.inbound_nodes) for (const [from] of node) stack.push(from);
  }
  return kept;
}

const layerOfWeight = (entry: WeightEntry) => entry.name.slice(0, entry.name.lastIndexOf('/'));

/** The weights of the layers kept, their bytes cut out of the one shard in manifest order. */
function keepWeights(doc: ModelJsonDoc, weights: Uint8Array, kept: ReadonlySet<string>): { entries: WeightEntry[]; bytes: Uint8Array[] } {
  const entries: WeightEntry[] = [];
  const bytes: Uint8Array[] = [];
  let at = 0;
  for (const entry of doc.weightsManifest.flatMap((g) => g.weights)) {
    const size = weightBytes(entry);
    if (size === undefined) throw new LayersModelError(`weight ${entry.name} has dtype ${entry.dtype}, which has no fixed size`);
    if (at + size > weights.byteLength) throw new LayersModelError(`the weights file is ${weights.byteLength} bytes, shorter than its model.json needs`);
    if (kept.has(layerOfWeight(entry))) {
      entries.push(entry);
      bytes.push(weights.subarray(at, at + size));
    }
    at += size;
  }
  return { entries, bytes };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

const floatBytes = (values: Float32Array) => new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));

export interface EmbedderSpec {
  /** The layer whose output is the feature vector (MobileNetV2: the pooled, flattened 1280 values). */
  featureLayer: string;
  /**
   * What the input is multiplied by and shifted by, per channel, before the backbone sees it: the model then takes
   * the input Teachable Machine's library gives (v / 127 − 1) while the backbone keeps the range it was trained on.
   */
  inputScale: { scale: number; offset: number };
  /** Name of the scaling layer put in front. */
  scaleLayer: string;
}

/**
 * The backbone cut after `featureLayer`, with a 1 × 1 depthwise convolution in front that scales each channel
 * (a layer every Keras and TF.js version reads). Weights of the layers cut away are left out of weights.bin.
 */
export function deriveEmbedder(backbone: LayersModelFiles, spec: EmbedderSpec): LayersModelFiles {
  const doc = readDoc(backbone.modelJson);
  const config = doc.modelTopology.model_config.config;
  const [input] = config.input_layers;
  if (!input || config.input_layers.length !== 1) throw new LayersModelError('the backbone must have exactly one input');
  const inputName = input[0];
  const kept = ancestors(config.layers, spec.featureLayer);
  const rewired = config.layers
    .filter((l) => kept.has(l.name))
    .map((l) => ({ ...l, inbound_nodes: l.inbound_nodes.map((node) => node.map(([from, ...rest]) => [from === inputName ? spec.scaleLayer : from, ...rest] as KerasLayer['inbound_nodes'][number][number])) }));
  const scaleLayer: KerasLayer = {
    name: spec.scaleLayer,
    class_name: 'DepthwiseConv2D',
    config: {
      name: spec.scaleLayer,
      trainable: false,
      kernel_size: [1, 1],
      strides: [1, 1],
      padding: 'valid',
      data_format: 'channels_last',
      dilation_rate: [1, 1],
      depth_multiplier: 1,
      activation: 'linear',
      use_bias: true,
    },
    inbound_nodes: [[[inputName, 0, 0, {}]]],
  };
  const at = rewired.findIndex((l) => l.name === inputName) + 1;
  const layers = [...rewired.slice(0, at), scaleLayer, ...rewired.slice(at)];
  const { entries, bytes } = keepWeights(doc, backbone.weights, kept);
  const scaleEntries: WeightEntry[] = [
    { name: `${spec.scaleLayer}/depthwise_kernel`, shape: [1, 1, 3, 1], dtype: 'float32' },
    { name: `${spec.scaleLayer}/bias`, shape: [3], dtype: 'float32' },
  ];
  const { scale, offset } = spec.inputScale;
  const scaleBytes = [floatBytes(new Float32Array([scale, scale, scale])), floatBytes(new Float32Array([offset, offset, offset]))];
  const out: ModelJsonDoc = {
    format: 'layers-model',
    generatedBy: doc.generatedBy ?? 'keras',
    convertedBy: doc.convertedBy ?? null,
    modelTopology: {
      ...(doc.modelTopology.keras_version ? { keras_version: doc.modelTopology.keras_version } : {}),
      ...(doc.modelTopology.backend ? { backend: doc.modelTopology.backend } : {}),
      model_config: { class_name: 'Model', config: { name: 'embedder', layers, input_layers: config.input_layers, output_layers: [[spec.featureLayer, 0, 0]] } },
    },
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: [...scaleEntries, ...entries] }],
  };
  return { modelJson: encode(out), weights: concat([...scaleBytes, ...bytes]) };
}

export interface HeadWeights {
  /** [features × classes], row-major (Keras' Dense kernel). */
  kernel: Float32Array;
  bias: Float32Array;
}

/** The embedder with a softmax Dense layer on its feature layer: one model, image in, class probabilities out. */
export function attachHead(embedder: LayersModelFiles, head: HeadWeights, layerName = 'workbench_head'): LayersModelFiles {
  const doc = readDoc(embedder.modelJson);
  const config = doc.modelTopology.model_config.config;
  const [output] = config.output_layers;
  if (!output) throw new LayersModelError('the embedder has no output layer');
  const units = head.bias.length;
  if (units < 2 || head.kernel.length % units !== 0) throw new LayersModelError(`head weights do not fit: ${head.kernel.length} kernel values for ${units} classes`);
  const features = head.kernel.length / units;
  const dense: KerasLayer = {
    name: layerName,
    class_name: 'Dense',
    config: { name: layerName, trainable: true, units, activation: 'softmax', use_bias: true },
    inbound_nodes: [[[output[0], 0, 0, {}]]],
  };
  const out: ModelJsonDoc = {
    ...doc,
    modelTopology: { ...doc.modelTopology, model_config: { class_name: 'Model', config: { ...config, name: 'workbench_classifier', layers: [...config.layers, dense], output_layers: [[layerName, 0, 0]] } } },
    weightsManifest: [
      {
        paths: [WEIGHTS_FILE],
        weights: [
          ...doc.weightsManifest.flatMap((g) => g.weights),
          { name: `${layerName}/kernel`, shape: [features, units], dtype: 'float32' },
          { name: `${layerName}/bias`, shape: [units], dtype: 'float32' },
        ],
      },
    ],
  };
  return { modelJson: encode(out), weights: concat([embedder.weights, floatBytes(head.kernel), floatBytes(head.bias)]) };
}
