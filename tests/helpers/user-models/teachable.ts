// A classifier in Teachable Machine's export layout (model.json of a layers model, weights.bin, metadata.json with
// labels and imageSize), trained here with TF.js on the fixture photos. Trained and preprocessed as Teachable
// Machine's image library does it: the centred square of the photo, 224 × 224, v / 127 − 1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeImage } from '../../../src/cli/decode-image';
import type { RgbaPixels } from '../../../src/domain/image';
import { readFixture } from '../fixtures';

export const TM_SIZE = 224;
/** Label → the fixture photo it is trained on. */
export const TM_CLASSES: Record<string, string> = { astronaut: 'astronaut.png', cat: 'chelsea.png', rocket: 'rocket.jpg' };
export const TM_LABELS = Object.keys(TM_CLASSES);

/** A square crop of the photo (its centre, or a corner-shifted smaller one) as the model's input. */
function sample(pixels: RgbaPixels, crop: number, dx: number, dy: number, flip: boolean): tf.Tensor3D {
  const side = Math.floor(Math.min(pixels.width, pixels.height) * crop);
  const top = Math.floor((pixels.height - side) / 2 + (dy * (pixels.height - side)) / 2);
  const left = Math.floor((pixels.width - side) / 2 + (dx * (pixels.width - side)) / 2);
  const rgb = new Float32Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const from = ((top + y) * pixels.width + left + x) * 4;
      rgb.set([pixels.data[from]!, pixels.data[from + 1]!, pixels.data[from + 2]!], (y * side + x) * 3);
    }
  }
  return tf.tidy(() => {
    const sized = tf.image.resizeBilinear(tf.tensor3d(rgb, [side, side, 3]), [TM_SIZE, TM_SIZE]);
    const oriented = flip ? tf.reverse(sized, 1) : sized;
    return oriented.div(127).sub(1) as tf.Tensor3D;
  });
}

/** Trains (deterministically, on the CPU backend) and writes the model into `dir`; returns the files by name. */
export async function writeTeachableClassifier(dir: string): Promise<Record<string, Uint8Array>> {
  const tensorsBefore = tf.memory().numTensors;
  tf.env().set('PROD', true); // no "install tfjs-node" banner (it cannot install here)
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  const views = [
    [1, 0, 0, false],
    [1, 0, 0, true],
    [0.85, -1, -1, false],
    [0.85, 1, 1, true],
    [0.85, 1, -1, false],
    [0.85, -1, 1, true],
  ] as const;
  const xs: tf.Tensor3D[] = [];
  const ys: number[] = [];
  TM_LABELS.forEach((label, index) => {
    const { pixels } = decodeImage(readFixture(TM_CLASSES[label]!));
    for (const [crop, dx, dy, flip] of views) {
      xs.push(sample(pixels, crop, dx, dy, flip));
      ys.push(index);
    }
  });
  // As Teachable Machine does: a fixed base (here a 16 × 16 average pool) whose features train a small head; the
  // exported model is base and head together, so it takes the 224 × 224 image.
  const base = tf.sequential({ name: 'sequential_1' });
  base.add(tf.layers.averagePooling2d({ inputShape: [TM_SIZE, TM_SIZE, 3], poolSize: 16, strides: 16, name: 'pool' }));
  base.add(tf.layers.flatten({ name: 'flatten' }));
  const features = tf.tidy(() => base.predict(tf.stack(xs)) as tf.Tensor2D);
  const head = tf.sequential({ name: 'sequential_3' });
  head.add(tf.layers.dense({ inputShape: [features.shape[1]], units: TM_LABELS.length, activation: 'softmax', name: 'dense_Dense1', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }));
  const optimizer = tf.train.adam(0.002);
  head.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(ys, 'int32'), TM_LABELS.length));
  await head.fit(features, y, { epochs: 12, batchSize: 6, shuffle: false, verbose: 0 });
  const model = tf.sequential({ name: 'sequential_4', layers: [base, head] });

  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  tf.dispose([features, y, ...xs]);
  const weights = model.weights;
  model.dispose();
  for (const weight of weights) {
    try {
      weight.dispose(); // nested models keep their weights after the outer model's dispose()
    } catch {
      // already freed
    }
  }
  optimizer.dispose();
  if (previous) await tf.setBackend(previous);
  const left = tf.memory().numTensors - tensorsBefore;
  if (left !== 0) throw new Error(`training left ${left} tensors behind`);

  const modelJson = {
    modelTopology: saved!.modelTopology,
    format: 'layers-model',
    generatedBy: saved!.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: ['./weights.bin'], weights: saved!.weightSpecs }],
  };
  const metadata = {
    tfjsVersion: tf.version.tfjs,
    tmVersion: '2.4.10',
    packageVersion: '0.8.4',
    packageName: '@teachablemachine/image',
    timeStamp: '2026-01-01T00:00:00.000Z',
    userMetadata: {},
    modelName: 'evidence-photos',
    labels: TM_LABELS,
    imageSize: TM_SIZE,
  };
  const files: Record<string, Uint8Array> = {
    'model.json': Buffer.from(JSON.stringify(modelJson)),
    'weights.bin': new Uint8Array(saved!.weightData as ArrayBuffer),
    'metadata.json': Buffer.from(JSON.stringify(metadata)),
  };
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return files;
}
