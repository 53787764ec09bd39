import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { defaultParams } from '../../src/domain/prediction';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';

describe('engine memory', () => {
  it('leaves no tensors behind after repeated detections', async () => {
    const engine = createNodeEngine(modelsDir);
    const pixels = decodeImage(readFixture('astronaut.png')).pixels;
    const models = [await engine.load('coco-centernet'), await engine.load('face-blazeface')];
    for (const m of models) await engine.detect(m.id, pixels, defaultParams(m)); // warm-up: backend choice, weights upload
    const before = engine.memory().numTensors;
    expect(before).toBeGreaterThan(0); // the weights
    for (const m of models) {
      for (let i = 0; i < 20; i++) await engine.detect(m.id, pixels, defaultParams(m));
    }
    expect(engine.memory().numTensors).toBe(before);
    expect(engine.inferences).toBe(42);
  });
});
