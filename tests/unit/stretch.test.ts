import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelsDir } from '../helpers/fixtures';
import { parseManifest } from '../../src/domain/model-manifest';
import { DEFAULT_RUN_TILING } from '../../src/domain/detection';
import { inferenceParams, paramsHash } from '../../src/domain/prediction';
import { checkStretch, DEFAULT_STRETCH, parseStretch, StretchError, valuesAtPercentiles } from '../../src/domain/stretch';

describe('stretch percentiles', () => {
  it('parses what a person types on the command line', () => {
    expect(parseStretch('2,98')).toEqual({ low: 2, high: 98 });
    expect(parseStretch('0.5-99.5')).toEqual({ low: 0.5, high: 99.5 });
    expect(parseStretch(' 1 99 ')).toEqual({ low: 1, high: 99 });
  });

  it('refuses percentiles out of order, out of range or not numbers, saying what was given', () => {
    expect(() => parseStretch('98,2')).toThrow(/0 ≤ low < high ≤ 100 \(got 98 and 2\)/);
    expect(() => parseStretch('2,101')).toThrow(StretchError);
    expect(() => parseStretch('two,98')).toThrow(/two percentiles like "2,98" \(got "two,98"\)/);
    expect(() => checkStretch({ low: Number.NaN, high: 5 })).toThrow(StretchError);
  });

  it('picks values by nearest rank', () => {
    const sorted = Array.from({ length: 101 }, (_, i) => i * 10);
    expect(valuesAtPercentiles(sorted, DEFAULT_STRETCH)).toEqual({ low: 20, high: 980 });
    expect(valuesAtPercentiles(sorted, { low: 0, high: 100 })).toEqual({ low: 0, high: 1000 });
  });

  it('joins the cache key only when it is not the default, so earlier results still match', async () => {
    const manifest = parseManifest(JSON.parse(readFileSync(join(modelsDir, 'coco-centernet/manifest.json'), 'utf8')), 'coco-centernet');
    const plain = inferenceParams(manifest, DEFAULT_RUN_TILING);
    expect(inferenceParams(manifest, DEFAULT_RUN_TILING, DEFAULT_STRETCH)).toEqual(plain);
    expect(plain).not.toHaveProperty('stretch');
    const custom = inferenceParams(manifest, DEFAULT_RUN_TILING, { low: 1, high: 99 });
    expect(custom).toMatchObject({ stretch: { low: 1, high: 99 } });
    expect(await paramsHash(custom)).not.toBe(await paramsHash(plain));
  });
});
