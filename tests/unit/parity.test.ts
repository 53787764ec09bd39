import { describe, expect, it } from 'vitest';
import { compareOutputs, probeInput } from '../../src/ml/parity';

const reference = [Float32Array.from({ length: 600 }, (_, i) => Math.sin(i) * 100), Float32Array.from([0.1, 0.5, 0.9])];

describe('compareOutputs', () => {
  it('passes identical outputs', () => {
    expect(compareOutputs(reference, reference.map((o) => Float32Array.from(o)))).toBeUndefined();
  });

  it('passes the same values in another order (top-k ties)', () => {
    const permuted = reference.map((o) => Float32Array.from(o).reverse());
    expect(compareOutputs(reference, permuted)).toBeUndefined();
  });

  it('passes small numeric noise within tolerance', () => {
    const noisy = reference.map((o) => o.map((v) => v * 1.01 + 0.001));
    expect(compareOutputs(reference, noisy)).toBeUndefined();
  });

  it('fails an output of zeros', () => {
    const zeros = reference.map((o) => new Float32Array(o.length));
    expect(compareOutputs(reference, zeros)).toMatch(/^output 0: \d+ of 600 values differ from the reference/);
  });

  it('fails NaN', () => {
    const nan = [reference[0]!, new Float32Array(3).fill(Number.NaN)];
    expect(compareOutputs(reference, nan)).toBe('output 1: 3 of 3 values differ from the reference (largest difference NaN)');
  });

  it('fails a different number or size of outputs', () => {
    expect(compareOutputs(reference, [reference[0]!])).toBe('returned 1 outputs instead of 2');
    expect(compareOutputs(reference, [reference[0]!, new Float32Array(2)])).toBe('output 1 has 2 values instead of 3');
  });
});

describe('probeInput', () => {
  it('is deterministic, textured and scaled', () => {
    const a = probeInput(64, 64, 1, 0);
    expect(a).toEqual(probeInput(64, 64, 1, 0));
    expect(new Set(a).size).toBeGreaterThan(100);
    const scaled = probeInput(64, 64, 2 / 255, -1);
    scaled.forEach((v, i) => expect(v).toBeCloseTo(a[i]! * (2 / 255) - 1, 4));
  });
});
