import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../../src/domain/prediction';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';

const RUNS = 100;
const readJson = (...path: string[]) => JSON.parse(readFileSync(join(modelsDir, ...path), 'utf8'));
/** Every bundled model, as scripts/install-models.mjs listed them. */
const bundled: string[] = readJson('index.json').models;
/** The tensors a loaded model holds: one per weight in its model.json. */
const weightCount = (id: string): number =>
  (readJson(id, 'model.json').weightsManifest as { weights: unknown[] }[]).reduce((n, g) => n + g.weights.length, 0);

function infer(engine: Engine, m: ModelManifest, pixels: ReturnType<typeof decodeImage>['pixels']): Promise<unknown> {
  return m.task === 'detect' ? engine.detect(m.id, pixels, defaultParams(m)) : engine.classify(m.id, pixels, defaultClassifyParams(m));
}

describe('engine memory', () => {
  const engine = createNodeEngine(modelsDir);
  const pixels = decodeImage(readFixture('astronaut.png')).pixels;
  const manifests = new Map<string, ModelManifest>();

  it('covers the detectors and the classifier', () => {
    expect(bundled).toEqual(expect.arrayContaining(['coco-centernet', 'face-blazeface', 'content-mobilenetv2']));
  });

  it('holds exactly the weights of the loaded models', async () => {
    for (const id of bundled) manifests.set(id, await engine.load(id));
    expect(engine.memory().numTensors).toBe(bundled.reduce((n, id) => n + weightCount(id), 0));
  });

  it.each(bundled)(`%s: ${RUNS} inferences after warm-up leave no tensor behind`, async (id) => {
    const m = manifests.get(id)!;
    await infer(engine, m, pixels); // warm-up: backend choice, weights upload
    const before = engine.memory().numTensors;
    const inferences = engine.inferences;
    for (let i = 0; i < RUNS; i++) await infer(engine, m, pixels);
    expect(engine.memory().numTensors).toBe(before);
    expect(engine.inferences - inferences).toBe(RUNS);
  }, 600_000);

  it('gives back exactly a model\'s weights when it is released', async () => {
    for (const id of bundled) {
      const before = engine.memory().numTensors;
      await engine.release(id);
      expect(before - engine.memory().numTensors, id).toBe(weightCount(id));
      await expect(infer(engine, manifests.get(id)!, pixels)).rejects.toThrow(`model ${id} is not loaded`);
    }
    expect(engine.memory().numTensors).toBe(0);
  });
});
