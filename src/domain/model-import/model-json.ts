import type { ModelFiles } from './files';
import { ModelImportError } from './errors';

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype?: string };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

/** A tensor a model takes or gives, as its files declare it (null: a size decided at run time). */
export interface TensorInfo {
  name: string;
  shape: (number | null)[] | null;
  dtype: 'float32' | 'int32' | 'other';
  /** The signature's name for it (TF Object Detection API: "detection_boxes"). */
  key?: string;
}

/** What the workbench reads from a TF.js model.json before running anything. */
export interface ModelJson {
  format: 'graph' | 'layers';
  topology: Record<string, unknown>;
  weightGroups: WeightGroup[];
  inputs: TensorInfo[];
  /** Declared outputs (a graph's signature); empty when only a run can tell. */
  outputs: TensorInfo[];
  /** The last op or activation before each output, where the files say it: "Softmax", "softmax", "Sigmoid". */
  finalActivation?: string;
  generatedBy?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/** Bytes one weight takes in its shard (quantised weights take the quantised size). */
export function weightBytes(entry: WeightEntry): number | undefined {
  const per = BYTES[entry.quantization?.dtype ?? entry.dtype];
  if (per === undefined) return undefined; // strings: their size is in the data
  return entry.shape.reduce((n, d) => n * d, 1) * per;
}

export function parseModelJson(bytes: Uint8Array): ModelJson {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ModelImportError(`model.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(json)) throw new ModelImportError('model.json: expected an object with modelTopology and weightsManifest');
  const topology = json.modelTopology;
  if (!isObject(topology)) throw new ModelImportError('model.json: field "modelTopology" is missing; this is not a TF.js model');
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || !manifest.every((g) => isObject(g) && Array.isArray(g.paths) && Array.isArray(g.weights))) {
    throw new ModelImportError('model.json: field "weightsManifest" must be a list of {paths, weights}');
  }
  const format = json.format === 'layers-model' || (!Array.isArray(topology.node) && (topology.model_config || topology.class_name)) ? 'layers' : 'graph';
  if (format === 'graph' && !Array.isArray(topology.node)) throw new ModelImportError('model.json: a graph model needs "modelTopology.node"');
  const weightGroups = manifest as WeightGroup[];
  const parsed = format === 'graph' ? graphSignature(topology, json.signature) : layersSignature(topology);
  return { format, topology, weightGroups, ...parsed, ...(typeof json.generatedBy === 'string' ? { generatedBy: json.generatedBy } : {}) };
}

interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, { type?: string; shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean } }>;
}

const dtypeOf = (type: unknown): TensorInfo['dtype'] =>
  type === 'DT_FLOAT' || type === 'DT_HALF' ? 'float32' : type === 'DT_INT32' || type === 'DT_UINT8' || type === 'DT_INT64' ? 'int32' : 'other';

const dims = (shape: { dim?: { size?: string | number }[]; unknownRank?: boolean } | undefined): (number | null)[] | null =>
  !shape || shape.unknownRank || !shape.dim ? null : shape.dim.map((d) => (Number(d.size ?? -1) < 0 ? null : Number(d.size)));

/** Inputs are Placeholders (or the signature's inputs); outputs the signature's, else nodes nothing consumes. */
function graphSignature(topology: Record<string, unknown>, signature: unknown): Pick<ModelJson, 'inputs' | 'outputs' | 'finalActivation'> {
  const nodes = topology.node as GraphNode[];
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const sig = isObject(signature) ? signature : {};
  const fromSignature = (part: unknown): TensorInfo[] =>
    isObject(part)
      ? Object.entries(part).map(([key, t]) => {
          const info = t as { name?: string; dtype?: string; tensorShape?: { dim?: { size?: string }[]; unknownRank?: boolean } };
          return { key, name: String(info.name ?? key).replace(/:0$/, ''), shape: dims(info.tensorShape), dtype: dtypeOf(info.dtype) };
        })
      : [];
  let inputs = fromSignature(sig.inputs);
  if (inputs.length === 0) {
    inputs = nodes.filter((n) => n.op === 'Placeholder').map((n) => ({ name: n.name, shape: dims(n.attr?.shape?.shape), dtype: dtypeOf(n.attr?.dtype?.type) }));
  }
  let outputs = fromSignature(sig.outputs);
  if (outputs.length === 0) {
    const consumed = new Set(nodes.flatMap((n) => (n.input ?? []).map((i) => i.replace(/^\^/, '').split(':')[0]!)));
    outputs = nodes.filter((n) => !consumed.has(n.name) && n.op !== 'Const' && n.op !== 'NoOp' && n.op !== 'Placeholder').map((n) => ({ name: n.name, shape: null, dtype: 'float32' }));
  }
  const last = (name: string): string | undefined => {
    let node = byName.get(name);
    for (let hops = 0; node && (node.op === 'Identity' || node.op === 'IdentityN') && hops < 10; hops++) node = byName.get((node.input?.[0] ?? '').split(':')[0]!);
    return node?.op;
  };
  const finalActivation = outputs.length === 1 ? last(outputs[0]!.name) : undefined;
  return { inputs, outputs, ...(finalActivation ? { finalActivation } : {}) };
}

interface KerasLayer {
  class_name?: string;
  name?: string;
  config?: Record<string, unknown> & { layers?: KerasLayer[]; batch_input_shape?: (number | null)[]; activation?: string; name?: string };
}

/** A Keras model's layers, nested Sequentials (Teachable Machine's) opened up, in order. */
function flatLayers(layers: KerasLayer[] | undefined): KerasLayer[] {
  return (layers ?? []).flatMap((l) => (Array.isArray(l.config?.layers) ? flatLayers(l.config!.layers) : [l]));
}

function layersSignature(topology: Record<string, unknown>): Pick<ModelJson, 'inputs' | 'outputs' | 'finalActivation'> {
  const root = (isObject(topology.model_config) ? topology.model_config : topology) as KerasLayer;
  const layers = flatLayers(root.config?.layers);
  const first = layers.find((l) => Array.isArray(l.config?.batch_input_shape));
  const shape = first?.config?.batch_input_shape ?? null;
  const inputName = first?.class_name === 'InputLayer' ? String(first.config?.name ?? first.name) : 'input';
  const last = layers.at(-1);
  const outputName = String(last?.config?.name ?? last?.name ?? 'output');
  const activation = typeof last?.config?.activation === 'string' ? last.config.activation : last?.class_name === 'Softmax' ? 'softmax' : undefined;
  return {
    inputs: [{ name: inputName, shape, dtype: 'float32' }],
    outputs: [{ name: outputName, shape: null, dtype: 'float32' }],
    ...(activation ? { finalActivation: activation } : {}),
  };
}

const formatBytes = (n: number) => n.toLocaleString('en-US');

/**
 * Every weight shard model.json lists must be among the files and hold exactly the bytes its weights need;
 * says which shard is missing or of the wrong size, before TF.js is asked to read it.
 */
export function checkShards(model: ModelJson, files: ModelFiles): void {
  const problems: string[] = [];
  for (const group of model.weightGroups) {
    const paths = group.paths.map((p) => p.replace(/^\.\//, ''));
    const missing = paths.filter((p) => !files.has(p));
    if (missing.length > 0) {
      const have = [...files.keys()].sort().join(', ');
      problems.push(`model.json lists ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not among the files given (${have})`);
      continue;
    }
    const sizes = group.weights.map(weightBytes);
    if (sizes.some((s) => s === undefined)) continue;
    const need = sizes.reduce((a, b) => a! + b!, 0)!;
    const held = paths.reduce((n, p) => n + files.get(p)!.byteLength, 0);
    if (held === need) continue;
    if (paths.length === 1) problems.push(`${paths[0]} is ${formatBytes(held)} bytes, but model.json's weights need ${formatBytes(need)}: the shard is truncated or not this model's`);
    else {
      const each = paths.map((p) => `${p} ${formatBytes(files.get(p)!.byteLength)}`).join(', ');
      problems.push(`the shards ${paths.join(' + ')} hold ${formatBytes(held)} bytes (${each}), but model.json's weights need ${formatBytes(need)}: a shard is truncated or not this model's`);
    }
  }
  if (problems.length > 0) throw new ModelImportError(problems.join('; '));
}

/** The weight shard paths of a model, as model.json lists them. */
export const shardPaths = (model: ModelJson): string[] => model.weightGroups.flatMap((g) => g.paths.map((p) => p.replace(/^\.\//, '')));
