import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { defaultParams } from '../../src/domain/prediction';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';

/**
 * No backend here gives wrong answers (WebGPU agreed with WASM in this Chromium, see npm run bench), so the
 * failure design.md describes is reproduced: a backend that computes but reads back zeros, i.e. "no detections".
 * It takes the name 'webgl', which Node cannot run anyway.
 */
class ReadsZeros extends MathBackendCPU {
  override readSync(dataId: object) {
    const values = super.readSync(dataId);
    return ArrayBuffer.isView(values) ? new (values.constructor as Float32ArrayConstructor)(values.length) : values;
  }
  override async read(dataId: object) {
    return this.readSync(dataId);
  }
}

function installBrokenWebgl(): void {
  for (const kernel of tf.getKernelsForBackend('webgl')) tf.unregisterKernel(kernel.kernelName, 'webgl');
  if (tf.findBackendFactory('webgl')) tf.removeBackend('webgl');
  tf.registerBackend('webgl', () => new ReadsZeros());
  for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'webgl' });
}

describe('backend verification', () => {
  beforeAll(installBrokenWebgl);

  it('skips a backend that returns no detections, says why, and detects on the next one', async () => {
    const engine = createNodeEngine(modelsDir, ['webgl', 'wasm', 'cpu']);
    const manifest = await engine.load('coco-centernet');
    const report = await engine.prepare(manifest.id);
    expect(report.backend).toBe('wasm');
    expect(report.skipped).toEqual([{ name: 'webgl', reason: expect.stringMatching(/^disagrees with wasm: output 0: \d+ of 600 values differ/) }]);

    const { detections } = await engine.detect(manifest.id, decodeImage(readFixture('astronaut.png')).pixels, defaultParams(manifest));
    expect(detections[0]?.label).toBe('person');
  });

  it('runs a forced backend anyway, with the warning the user sees', async () => {
    const engine = createNodeEngine(modelsDir, ['webgl', 'wasm', 'cpu']);
    const manifest = await engine.load('coco-centernet');
    const report = await engine.prepare(manifest.id, 'webgl');
    expect(report).toMatchObject({ backend: 'webgl', forced: true, warning: expect.stringContaining('disagrees with wasm') });
    const { detections } = await engine.detect(manifest.id, decodeImage(readFixture('astronaut.png')).pixels, defaultParams(manifest));
    expect(detections).toEqual([]); // exactly the symptom: no detections where wasm finds a person
  });
});
