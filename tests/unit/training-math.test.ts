import { describe, expect, it } from 'vitest';
import { balancedClassWeights, classCounts } from '../../src/domain/training/class-weights';
import { EARLY_STOPPING_START, judgeEpoch } from '../../src/domain/training/early-stopping';
import { cosine, knnPredict } from '../../src/domain/training/knn';
import { argmax, classificationFigures } from '../../src/domain/training/metrics';
import { SplitError, stratifiedSplit } from '../../src/domain/training/split';

describe('seeded stratified split', () => {
  const examples = [
    ...Array.from({ length: 10 }, (_, i) => ({ label: 'car', key: `car-${i}` })),
    ...Array.from({ length: 5 }, (_, i) => ({ label: 'van', key: `van-${i}` })),
    { label: 'bus', key: 'bus-0' },
    { label: 'bus', key: 'bus-1' },
  ];

  it('holds out round(n · share) of each class, at least one and never all of it', () => {
    const { train, val } = stratifiedSplit(examples, { valFraction: 0.2, seed: 3 });
    const count = (indices: number[], label: string) => indices.filter((i) => examples[i]!.label === label).length;
    // car: round(10 · 0.2) = 2; van: round(5 · 0.2) = 1; bus: round(2 · 0.2) = 0, raised to 1, leaving 1 to train on.
    expect([count(val, 'car'), count(val, 'van'), count(val, 'bus')]).toEqual([2, 1, 1]);
    expect([count(train, 'car'), count(train, 'van'), count(train, 'bus')]).toEqual([8, 4, 1]);
    expect([...train, ...val].sort((a, b) => a - b)).toEqual(examples.map((_, i) => i));
  });

  it('gives the same split for the same seed whatever order the examples come in, another for another seed', () => {
    const keysOf = (list: typeof examples, indices: number[]) => indices.map((i) => list[i]!.key).sort();
    const a = stratifiedSplit(examples, { valFraction: 0.3, seed: 1 });
    const reversed = [...examples].reverse();
    const b = stratifiedSplit(reversed, { valFraction: 0.3, seed: 1 });
    expect(keysOf(reversed, b.val)).toEqual(keysOf(examples, a.val));
    const seeds = Array.from({ length: 6 }, (_, s) => keysOf(examples, stratifiedSplit(examples, { valFraction: 0.3, seed: s + 2 }).val).join());
    expect(new Set([keysOf(examples, a.val).join(), ...seeds]).size).toBeGreaterThan(1);
  });

  it('refuses a class with one example, a share outside (0, 1) and a seed that is not whole', () => {
    expect(() => stratifiedSplit([...examples, { label: 'tram', key: 't' }], { valFraction: 0.2, seed: 1 })).toThrow('"tram" has 1 example; a class needs at least 2');
    expect(() => stratifiedSplit(examples, { valFraction: 1, seed: 1 })).toThrow(SplitError);
    expect(() => stratifiedSplit(examples, { valFraction: 0.2, seed: 1.5 })).toThrow('whole number');
  });
});

describe('balanced class weights', () => {
  it('weighs each class by N / (K · n): 10 and 30 examples give 2 and 2/3', () => {
    expect(balancedClassWeights([10, 30])).toEqual([2, 40 / 60]);
    // Equal classes weigh 1; a weighted sum over the examples is then N either way.
    expect(balancedClassWeights([5, 5, 5])).toEqual([1, 1, 1]);
    const counts = [3, 12, 45];
    const weights = balancedClassWeights(counts);
    counts.forEach((n, c) => expect(n * weights[c]!).toBeCloseTo(60 / 3, 12));
  });

  it('gives an absent class 0 and counts classes from labels', () => {
    expect(balancedClassWeights([4, 0, 12])).toEqual([2, 0, 16 / 24]);
    expect(classCounts([0, 2, 2, 1, 2], 4)).toEqual([1, 1, 3, 0]);
  });
});

describe('early stopping', () => {
  const rule = { patience: 2, minDelta: 0.01 };

  it('keeps the best epoch and stops after `patience` epochs without a gain larger than minDelta', () => {
    const losses = [1.0, 0.8, 0.795, 0.79, 0.85];
    let state = EARLY_STOPPING_START;
    const verdicts = losses.map((loss, i) => {
      const v = judgeEpoch(state, i + 1, loss, rule);
      state = v.state;
      return [v.improved, v.stop];
    });
    // 0.795 and 0.79 are within 0.01 of 0.8: no gain, and after two of them training stops at epoch 4.
    expect(verdicts.slice(0, 4)).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(state.bestEpoch).toBe(2);
    expect(state.bestLoss).toBe(0.8);
  });

  it('never counts a loss that is not a number as better', () => {
    const first = judgeEpoch(EARLY_STOPPING_START, 1, Number.NaN, rule);
    expect(first.improved).toBe(false);
    expect(first.state.bestEpoch).toBe(0);
  });
});

describe('classification figures', () => {
  it('accuracy, per-class precision and recall and the confusion matrix of a hand-counted case', () => {
    // truth:     a a a b b c
    // predicted: a a b b a a
    const f = classificationFigures([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 0, 0], ['a', 'b', 'c']);
    expect(f.confusion).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [1, 0, 0],
    ]);
    expect(f.accuracy).toBe(3 / 6);
    expect(f.perClass).toEqual([
      { label: 'a', precision: 2 / 4, recall: 2 / 3, support: 3, predicted: 4 },
      { label: 'b', precision: 1 / 2, recall: 1 / 2, support: 2, predicted: 2 },
      { label: 'c', precision: null, recall: 0, support: 1, predicted: 0 },
    ]);
    expect(f.balancedAccuracy).toBeCloseTo((2 / 3 + 1 / 2 + 0) / 3, 12);
  });

  it('says null where there is nothing to divide by, and refuses mismatched or out-of-range input', () => {
    const none = classificationFigures([], [], ['a', 'b']);
    expect(none.accuracy).toBeNull();
    expect(none.perClass[0]).toEqual({ label: 'a', precision: null, recall: null, support: 0, predicted: 0 });
    expect(() => classificationFigures([0], [0, 1], ['a', 'b'])).toThrow('1 truths but 2 predictions');
    expect(() => classificationFigures([0], [2], ['a', 'b'])).toThrow('out of range');
  });

  it('argmax takes the first of equals', () => {
    expect(argmax([0.2, 0.5, 0.5, 0.1])).toBe(1);
    expect(argmax(Float32Array.of(3))).toBe(0);
  });
});

describe('k-nearest-neighbour baseline', () => {
  // Training points on two axes: class 0 along x, class 1 along y.
  const train = [
    [1, 0],
    [2, 0.1],
    [1, 0.2],
    [0, 1],
    [0.1, 2],
  ];
  const labels = [0, 0, 0, 1, 1];

  it('votes among the k most similar by cosine', () => {
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 12);
    expect(cosine([0, 0], [1, 0])).toBe(0);
    // [0.9, 0.5] is nearest to the x-axis points; [0.2, 1] to the y-axis ones.
    expect(knnPredict(train, labels, [[0.9, 0.5], [0.2, 1]], 3)).toEqual([0, 1]);
    expect(knnPredict(train, labels, [[0.2, 1]], 1)).toEqual([1]);
  });

  it('breaks a tie in votes by the summed similarity, then by the lower class', () => {
    // k = 2 with one neighbour of each class: the more similar one's class wins.
    const twoTrain = [
      [1, 0],
      [0, 1],
    ];
    expect(knnPredict(twoTrain, [0, 1], [[0.4, 1]], 2)).toEqual([1]);
    expect(knnPredict(twoTrain, [0, 1], [[1, 1]], 2)).toEqual([0]);
  });

  it('refuses an empty training set or a k below 1', () => {
    expect(() => knnPredict([], [], [[1]], 1)).toThrow('at least one training example');
    expect(() => knnPredict(train, labels, [[1, 0]], 0)).toThrow('k must be');
  });
});
