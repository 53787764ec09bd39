import { describe, expect, it } from 'vitest';
import { decodeClassifier } from '../../src/ml/decoders/classifier';

const labels = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'];
const all = { topK: 5, minScore: 0 };

describe('decodeClassifier', () => {
  it('passes probabilities through with activation "none", best first', () => {
    const tags = decodeClassifier(Float32Array.from([0.1, 0.02, 0.8, 0.05, 0.03]), { labels, activation: 'none', params: all });
    expect(tags.map((t) => t.label)).toEqual(['Neutral', 'Drawing', 'Porn', 'Sexy', 'Hentai']);
    expect(tags[0]!.score).toBeCloseTo(0.8, 6);
    expect(tags[4]!.score).toBeCloseTo(0.02, 6);
  });

  it('applies softmax to logits: scores sum to 1 and keep their order', () => {
    const logits = Float32Array.from([1, 2, 3, 0, -1]);
    const tags = decodeClassifier(logits, { labels, activation: 'softmax', params: all });
    const sum = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(0) + Math.exp(-1);
    expect(tags.map((t) => t.label)).toEqual(['Neutral', 'Hentai', 'Drawing', 'Porn', 'Sexy']);
    expect(tags[0]!.score).toBeCloseTo(Math.exp(3) / sum, 6);
    expect(tags.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 6);
  });

  it('keeps softmax finite for huge logits', () => {
    const tags = decodeClassifier(Float32Array.from([1000, 999, -1000, 0, 0]), { labels, activation: 'softmax', params: all });
    expect(tags.every((t) => Number.isFinite(t.score))).toBe(true);
    expect(tags[0]).toEqual({ label: 'Drawing', score: expect.closeTo(1 / (1 + Math.exp(-1)), 6) });
  });

  it('applies sigmoid to each score on its own (multi-label)', () => {
    const tags = decodeClassifier(Float32Array.from([0, 2, -2, 10, -10]), { labels, activation: 'sigmoid', params: all });
    expect(tags.map((t) => t.label)).toEqual(['Porn', 'Hentai', 'Drawing', 'Neutral', 'Sexy']);
    expect(tags.find((t) => t.label === 'Drawing')!.score).toBeCloseTo(0.5, 6);
    expect(tags.find((t) => t.label === 'Hentai')!.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(tags.reduce((s, t) => s + t.score, 0)).toBeGreaterThan(1.5); // not normalised
  });

  it('keeps the top k and drops labels below the minimum score', () => {
    const output = Float32Array.from([0.1, 0.02, 0.8, 0.05, 0.03]);
    expect(decodeClassifier(output, { labels, activation: 'none', params: { topK: 2, minScore: 0 } }).map((t) => t.label)).toEqual([
      'Neutral',
      'Drawing',
    ]);
    expect(decodeClassifier(output, { labels, activation: 'none', params: { topK: 5, minScore: 0.05 } }).map((t) => t.label)).toEqual([
      'Neutral',
      'Drawing',
      'Porn',
    ]);
    expect(decodeClassifier(output, { labels, activation: 'none', params: { topK: 5, minScore: 0.9 } })).toEqual([]);
  });

  it('keeps label order among equal scores and drops NaN', () => {
    const tags = decodeClassifier(Float32Array.from([0.25, Number.NaN, 0.25, 0.25, 0.25]), { labels, activation: 'none', params: all });
    expect(tags.map((t) => t.label)).toEqual(['Drawing', 'Neutral', 'Porn', 'Sexy']);
  });

  it('refuses an output that does not match the labels', () => {
    expect(() => decodeClassifier(new Float32Array(1000), { labels, activation: 'softmax', params: all })).toThrow(
      'classifier: the model gave 1000 scores for 5 labels',
    );
  });
});
