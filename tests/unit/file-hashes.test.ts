import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/hash';
import { hashesOfBlob, sha256OfBlob, WHOLE_FILE_HASH_LIMIT } from '../../src/platform/hash-blob';
import { fixturePath } from '../helpers/fixtures';

function bytes(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

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

describe('MD5, SHA-1 and SHA-256 of a file in one streamed pass', () => {
  const digestOf = (tool: string, path: string) => execFileSync(tool, [path], { encoding: 'utf8' }).split(' ')[0];

  it('agrees with md5sum, sha1sum and sha256sum on the fixtures, an empty file and a file cut at odd sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hashes-'));
    const files = ['rocket.jpg', 'astronaut.png', 'horse.png'].map(fixturePath);
    for (const length of [0, 1, 63, 64, 65, 8 * 1024 * 1024 + 3]) {
      const path = join(dir, `bytes-${length}`);
      writeFileSync(path, bytes(length, length + 1));
      files.push(path);
    }
    for (const path of files) {
      const hashes = await hashesOfBlob(new Blob([readFileSync(path)]));
      expect(hashes, path).toEqual({ md5: digestOf('md5sum', path), sha1: digestOf('sha1sum', path), sha256: digestOf('sha256sum', path) });
    }
  });

  it('reports progress chunk by chunk', async () => {
    const progress: number[] = [];
    await hashesOfBlob(new Blob([bytes(20 * 1024 * 1024)]), (done) => progress.push(done));
    expect(progress).toEqual([8, 16, 20].map((mb) => mb * 1024 * 1024));
  });
});
