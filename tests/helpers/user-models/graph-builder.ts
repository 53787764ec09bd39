// Writes TF.js graph models (model.json with a GraphDef topology + one weight shard) node by node, the way
// tensorflowjs_converter lays them out: Const nodes carry dtype and shape, their values live in the shard by name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Dtype = 'float32' | 'int32';
type Attr = Record<string, unknown>;

const TF_TYPE: Record<Dtype, string> = { float32: 'DT_FLOAT', int32: 'DT_INT32' };
const base64 = (text: string) => Buffer.from(text).toString('base64');

export const attr = {
  type: (dtype: Dtype = 'float32') => ({ type: TF_TYPE[dtype] }),
  ints: (values: number[]) => ({ list: { i: values.map(String) } }),
  int: (value: number) => ({ i: String(value) }),
  string: (value: string) => ({ s: base64(value) }),
  bool: (value: boolean) => ({ b: value }),
};

export class GraphBuilder {
  private readonly nodes: Attr[] = [];
  private readonly weights: { name: string; shape: number[]; dtype: Dtype; data: Float32Array | Int32Array }[] = [];

  placeholder(name: string, shape: number[], dtype: Dtype = 'float32'): string {
    this.nodes.push({ name, op: 'Placeholder', attr: { dtype: attr.type(dtype), shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } } });
    return name;
  }

  const(name: string, values: ArrayLike<number>, shape: number[], dtype: Dtype = 'float32'): string {
    const count = shape.reduce((n, d) => n * d, 1);
    if (values.length !== count) throw new Error(`${name}: ${values.length} values for shape [${shape}]`);
    const data = dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
    this.nodes.push({ name, op: 'Const', attr: { dtype: attr.type(dtype), value: { tensor: { dtype: TF_TYPE[dtype], tensorShape: shape.length ? { dim: shape.map((size) => ({ size: String(size) })) } : {} } } } });
    this.weights.push({ name, shape, dtype, data });
    return name;
  }

  scalar(name: string, value: number): string {
    return this.const(name, [value], []);
  }

  op(name: string, op: string, input: string[], attrs: Attr = {}): string {
    this.nodes.push({ name, op, input, attr: { T: attr.type(), ...attrs } });
    return name;
  }

  /** model.json and `shard` (the weights in node order) in `dir`; returns the files written, by name. */
  write(dir: string, shard = 'group1-shard1of1.bin', extra: Record<string, string | Uint8Array> = {}, signature?: object): Record<string, Uint8Array> {
    const bytes = Buffer.concat(this.weights.map((w) => Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength)));
    const modelJson = {
      format: 'graph-model',
      generatedBy: '2.15.0',
      convertedBy: 'TensorFlow.js Converter v4.22.0',
      ...(signature ? { signature } : {}),
      modelTopology: { node: this.nodes, library: {}, versions: { producer: 1645 } },
      weightsManifest: [{ paths: [shard], weights: this.weights.map(({ name, shape, dtype }) => ({ name, shape, dtype })) }],
    };
    const files: Record<string, Uint8Array> = { 'model.json': Buffer.from(JSON.stringify(modelJson)), [shard]: bytes };
    for (const [name, content] of Object.entries(extra)) files[name] = typeof content === 'string' ? Buffer.from(content) : content;
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return files;
  }
}

/** Conv2D / pooling attributes as the converter writes them. */
export const conv = (strides: number[], padding: 'SAME' | 'VALID') => ({
  strides: attr.ints(strides),
  padding: attr.string(padding),
  data_format: attr.string('NHWC'),
  dilations: attr.ints([1, 1, 1, 1]),
  explicit_paddings: { list: {} },
});
