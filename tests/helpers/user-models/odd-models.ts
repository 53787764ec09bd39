// Small graph models for the bad-input tests: one whose only op WASM lacks, one whose output no decoder reads.
import { attr, conv, GraphBuilder } from './graph-builder';

/** A two-class linear classifier through Einsum, which TF.js' WASM backend lacks (CPU has it); labels.txt beside it. */
export function writeEinsumClassifier(dir: string): Record<string, Uint8Array> {
  const g = new GraphBuilder();
  const input = g.placeholder('input', [1, 32, 32, 3]);
  const flat = g.op('flat', 'Reshape', [input, g.const('flat/shape', [1, 32 * 32 * 3], [2], 'int32')], { Tshape: attr.type('int32') });
  const weights = g.const('weights', Array.from({ length: 32 * 32 * 3 * 2 }, (_, i) => (i % 2 === 0 ? 1 : -1) / 3072), [3072, 2]);
  const logits = g.op('logits', 'Einsum', [flat, weights], { equation: attr.string('ij,jk->ik'), N: attr.int(2) });
  g.op('Identity', 'Identity', [logits]);
  return g.write(dir, 'group1-shard1of1.bin', { 'labels.txt': 'bright\ndark\n' });
}

/** A model whose one output is a feature map [1, 8, 8, 3]: no decoder reads that. */
export function writeFeatureMapModel(dir: string): Record<string, Uint8Array> {
  const g = new GraphBuilder();
  const input = g.placeholder('input', [1, 64, 64, 3]);
  const scale = g.scalar('scale', 2);
  const scaled = g.op('scaled', 'Mul', [input, scale]);
  const pooled = g.op('pooled', 'AvgPool', [scaled], { ...conv([1, 8, 8, 1], 'VALID'), ksize: attr.ints([1, 8, 8, 1]) });
  g.op('Identity', 'Identity', [pooled]);
  return g.write(dir);
}

/**
 * The outputs of a TF Object Detection API export (detection_boxes, detection_scores, detection_classes,
 * num_detections, named in the signature as the converter writes them) on a uint8 input of any size. Two fixed
 * detections, the second below 0.3; their scores scale with the image's mean brightness so the graph reads its input.
 */
export function writeSsdLike(dir: string): Record<string, Uint8Array> {
  const g = new GraphBuilder();
  const input = g.placeholder('input_tensor', [1, -1, -1, 3], 'int32');
  const asFloat = g.op('Cast', 'Cast', [input], { SrcT: attr.type('int32'), DstT: attr.type('float32'), Truncate: attr.bool(false) });
  const mean = g.op('Mean', 'Mean', [asFloat, g.const('Mean/axes', [0, 1, 2, 3], [4], 'int32')], { keep_dims: attr.bool(false), Tidx: attr.type('int32') });
  const gain = g.op('gain', 'Mul', [mean, g.scalar('gain/k', 0)]); // 0 × mean: the outputs depend on the input, their values do not
  const plus = (name: string, values: number[], shape: number[]) => g.op(name, 'AddV2', [g.const(`${name}/value`, values, shape), gain]);
  plus('Identity_1', [0.1, 0.2, 0.5, 0.6, 0.0, 0.0, 0.2, 0.2], [1, 2, 4]);
  plus('Identity_4', [0.9, 0.1], [1, 2]);
  plus('Identity_2', [2, 1], [1, 2]);
  plus('Identity_5', [2], [1]);
  const tensor = (name: string, dims: number[]) => ({ name: `${name}:0`, dtype: 'DT_FLOAT', tensorShape: { dim: dims.map((size) => ({ size: String(size) })) } });
  const signature = {
    inputs: { input_tensor: { name: 'input_tensor:0', dtype: 'DT_UINT8', tensorShape: { dim: [1, -1, -1, 3].map((size) => ({ size: String(size) })) } } },
    outputs: {
      detection_boxes: tensor('Identity_1', [1, 2, 4]),
      detection_scores: tensor('Identity_4', [1, 2]),
      detection_classes: tensor('Identity_2', [1, 2]),
      num_detections: tensor('Identity_5', [1]),
    },
  };
  return g.write(dir, 'group1-shard1of1.bin', { 'labels.txt': 'person\ncar\n' }, signature);
}
