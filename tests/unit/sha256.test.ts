import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/hash';
import { Sha256 } from '../../src/domain/sha256';
import { sha256OfBlob, WHOLE_FILE_HASH_LIMIT } from '../../src/platform/hash-blob';

function bytes(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('incremental SHA-256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(new Sha256().update(new TextEncoder().encode('abc')).hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('agrees with WebCrypto at every padding boundary and however the input is split', async () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003]) {
      const data = bytes(length, length);
      const expected = await sha256Hex(data);
      expect(new Sha256().update(data).hex(), `length ${length}`).toBe(expected);
      const split = new Sha256();
      for (let offset = 0; offset < length; offset += 37) split.update(data.subarray(offset, offset + 37));
      expect(split.hex(), `length ${length} in pieces of 37`).toBe(expected);
    }
  });

  it('refuses to be updated after its digest was taken', () => {
    const hasher = new Sha256();
    hasher.hex();
    expect(() => hasher.update(new Uint8Array(1))).toThrow(/after digest/);
  });
});

describe('sha256OfBlob', () => {
  it('hashes a blob above the whole-file limit chunk by chunk to the same digest, reporting progress', async () => {
    const data = bytes(WHOLE_FILE_HASH_LIMIT + 1_234_567);
    const progress: number[] = [];
    const hex = await sha256OfBlob(new Blob([data]), (done) => progress.push(done));
    expect(hex).toBe(await sha256Hex(data));
    expect(progress.length).toBeGreaterThan(8);
    expect(progress.at(-1)).toBe(data.length);
  });

  it('hashes a small blob whole', async () => {
    const data = bytes(5000);
    expect(await sha256OfBlob(new Blob([data]))).toBe(await sha256Hex(data));
  });
});
