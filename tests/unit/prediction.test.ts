import { describe, expect, it } from 'vitest';
import { defaultClassifyParams, defaultParams, paramsHash, predictionKey, runKey } from '../../src/domain/prediction';

const model = { id: 'coco-centernet', version: 'human-3.3.6', weightsSha256: 'w'.repeat(64) };

describe('prediction cache keys', () => {
  it('hash the same parameters the same, whatever the key order', async () => {
    const a = await paramsHash({ scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 });
    const b = await paramsHash({ maxDetections: 100, iouThreshold: 0.4, scoreThreshold: 0.2 });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('give a different key for a different threshold', async () => {
    const low = await paramsHash({ scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 });
    const high = await paramsHash({ scoreThreshold: 0.3, iouThreshold: 0.4, maxDetections: 100 });
    expect(high).not.toBe(low);
    expect(predictionKey('img', runKey(model, high))).not.toBe(predictionKey('img', runKey(model, low)));
  });

  it('give a different run for different weights', () => {
    expect(runKey(model, 'p')).not.toBe(runKey({ ...model, weightsSha256: 'x'.repeat(64) }, 'p'));
  });

  it('compose image, model, weights and parameters', () => {
    expect(predictionKey('abc', runKey(model, 'p1'))).toBe(`abc|coco-centernet@${'w'.repeat(64)}|p1`);
  });

  it('take default parameters from the manifest decoder', () => {
    const decoder = { name: 'centernet', outputs: [], scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 };
    expect(defaultParams({ decoder })).toEqual({ scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 100 });
  });

  it('take a classifier\'s top k from its decoder, keeping every score by default', () => {
    const decoder = { name: 'classifier', outputs: [], activation: 'none' as const, topK: 3 };
    expect(defaultClassifyParams({ decoder })).toEqual({ topK: 3, minScore: 0 });
    expect(() => defaultParams({ decoder })).toThrow('decoder "classifier" is a classifier\'s: it has no detection parameters');
  });
});
