import { describe, expect, it } from 'vitest';
import { sha256Hex, stableStringify } from '../../src/domain/hash';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // FIPS 180-2 test vector

describe('sha256Hex', () => {
  it('matches the standard vector for "abc" as a string, bytes and an ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex('abc')).toBe(ABC);
    expect(await sha256Hex(bytes)).toBe(ABC);
    expect(await sha256Hex(bytes.buffer)).toBe(ABC);
  });

  it('hashes only the viewed part of a larger buffer', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(ABC);
  });

  it('hashes the empty input', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('stableStringify', () => {
  it('sorts keys at every depth', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text for the same value built in a different order', () => {
    expect(stableStringify({ x: 1, y: 2 })).toBe(stableStringify({ y: 2, x: 1 }));
  });

  it('drops undefined properties and keeps array order', () => {
    expect(stableStringify({ a: undefined, b: [3, 1, 2] })).toBe('{"b":[3,1,2]}');
  });

  it('writes primitives like JSON.stringify', () => {
    expect(stableStringify(null)).toBe('null');
    expect(stableStringify('a"b')).toBe('"a\\"b"');
    expect(stableStringify(0.25)).toBe('0.25');
  });
});
