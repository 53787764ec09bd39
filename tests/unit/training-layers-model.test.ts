import { describe, expect, it } from 'vitest';
import { attachHead, deriveEmbedder, LayersModelError } from '../../src/domain/training/layers-model';

// A small Keras functional model as TF.js writes it: input → conv (quantised uint8 kernel) → flatten → dense.
const layer = (name: string, className: string, from: string | null, config: Record<string, unknown> = {}) => ({
  name,
  class_name: className,
  config: { name, ...config },
  inbound_nodes: from ? [[[from, 0, 0, {}]]] : [],
});
const modelJson = {
  format: 'layers-model',
  modelTopology: {
    keras_version: '2.2.4',
    model_config: {
      class_name: 'Model',
      config: {
        name: 'small',
        layers: [layer('input_1', 'InputLayer', null, { batch_input_shape: [null, 4, 4, 3] }), layer('conv', 'Conv2D', 'input_1'), layer('flat', 'Flatten', 'conv'), layer('out', 'Dense', 'flat')],
        input_layers: [['input_1', 0, 0]],
        output_layers: [['out', 0, 0]],
      },
    },
  },
  weightsManifest: [
    {
      paths: ['weights.bin'],
      weights: [
        { name: 'conv/kernel', shape: [1, 1, 3, 2], dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } },
        { name: 'out/kernel', shape: [32, 2], dtype: 'float32' },
        { name: 'out/bias', shape: [2], dtype: 'float32' },
      ],
    },
  ],
};
const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const decode = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
// 6 bytes of quantised conv kernel, then 64 + 2 floats of the dense layer.
const weights = new Uint8Array(6 + 66 * 4).map((_, i) => i % 251);
const spec = { featureLayer: 'flat', scaleLayer: 'scale', inputScale: { scale: 0.5, offset: 0.25 } };

describe('a Keras model cut at its features', () => {
  it('keeps the layers up to the feature layer, puts the scale in front, and only their weights', () => {
    const cut = deriveEmbedder({ modelJson: encode(modelJson), weights }, spec);
    const doc = decode(cut.modelJson);
    const config = doc.modelTopology.model_config.config;
    expect(config.layers.map((l: { name: string }) => l.name)).toEqual(['input_1', 'scale', 'conv', 'flat']);
    expect(config.layers[2].inbound_nodes).toEqual([[['scale', 0, 0, {}]]]);
    expect(config.output_layers).toEqual([['flat', 0, 0]]);
    expect(doc.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual(['scale/depthwise_kernel', 'scale/bias', 'conv/kernel']);
    // Scale (3 floats) and offset (3 floats), then the conv kernel's 6 quantised bytes as they were.
    expect(cut.weights.byteLength).toBe(24 + 6);
    expect([...new Float32Array(cut.weights.slice(0, 24).buffer)]).toEqual([0.5, 0.5, 0.5, 0.25, 0.25, 0.25]);
    expect([...cut.weights.slice(24)]).toEqual([...weights.slice(0, 6)]);
  });

  it('puts a softmax Dense head on the feature layer, its weights after the rest', () => {
    const cut = deriveEmbedder({ modelJson: encode(modelJson), weights }, spec);
    const kernel = Float32Array.from({ length: 32 * 3 }, (_, i) => i / 10);
    const bias = Float32Array.of(1, 2, 3);
    const whole = attachHead(cut, { kernel, bias });
    const doc = decode(whole.modelJson);
    const head = doc.modelTopology.model_config.config.layers.at(-1);
    expect(head).toMatchObject({ name: 'workbench_head', class_name: 'Dense', config: { units: 3, activation: 'softmax' }, inbound_nodes: [[['flat', 0, 0, {}]]] });
    expect(doc.modelTopology.model_config.config.output_layers).toEqual([['workbench_head', 0, 0]]);
    expect(doc.weightsManifest[0].weights.slice(-2)).toEqual([
      { name: 'workbench_head/kernel', shape: [32, 3], dtype: 'float32' },
      { name: 'workbench_head/bias', shape: [3], dtype: 'float32' },
    ]);
    expect([...new Float32Array(whole.weights.slice(cut.weights.byteLength).buffer)]).toEqual([...kernel, ...bias]);
  });

  it('names what is wrong: a layer that is not there, weights shorter than the model needs, a head that does not fit', () => {
    expect(() => deriveEmbedder({ modelJson: encode(modelJson), weights }, { ...spec, featureLayer: 'pool' })).toThrow('the backbone has no layer "pool"');
    expect(() => deriveEmbedder({ modelJson: encode(modelJson), weights: weights.slice(0, 20) }, spec)).toThrow('the weights file is 20 bytes, shorter than its model.json needs');
    expect(() => deriveEmbedder({ modelJson: encode({ modelTopology: { class_name: 'Sequential' } }), weights }, spec)).toThrow(LayersModelError);
    const cut = deriveEmbedder({ modelJson: encode(modelJson), weights }, spec);
    expect(() => attachHead(cut, { kernel: new Float32Array(7), bias: new Float32Array(2) })).toThrow('head weights do not fit: 7 kernel values for 2 classes');
  });
});
