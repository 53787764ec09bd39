import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm';
import type { FileHashes } from '../domain/evidence/hash-list';
import { sha256Hex } from '../domain/hash';

import { WHOLE_FILE_HASH_LIMIT } from './hash-limits';

export { WHOLE_FILE_HASH_LIMIT };
const CHUNK = 8 * 1024 * 1024;

async function feed(blob: Blob, hashers: readonly IHasher[], onProgress?: (done: number, total: number) => void): Promise<void> {
  for (const hasher of hashers) hasher.init();
  for (let offset = 0; offset < blob.size; offset += CHUNK) {
    const chunk = new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer());
    for (const hasher of hashers) hasher.update(chunk);
    onProgress?.(Math.min(offset + CHUNK, blob.size), blob.size);
  }
}

/**
 * MD5, SHA-1 and SHA-256 of a file in one pass over it, 8 MB at a time (hash-wasm's incremental hashers), so a
 * multi-gigabyte raster never sits in memory whole. Police hash sets use all three.
 */
export async function hashesOfBlob(blob: Blob, onProgress?: (done: number, total: number) => void): Promise<Required<FileHashes>> {
  const [md5, sha1, sha256] = await Promise.all([createMD5(), createSHA1(), createSHA256()]);
  await feed(blob, [md5, sha1, sha256], onProgress);
  return { md5: md5.digest('hex'), sha1: sha1.digest('hex'), sha256: sha256.digest('hex') };
}

/** SHA-256 of a file or blob: WebCrypto for what fits in memory comfortably, hash-wasm in chunks above that. */
export async function sha256OfBlob(blob: Blob, onProgress?: (done: number, total: number) => void): Promise<string> {
  if (blob.size <= WHOLE_FILE_HASH_LIMIT) {
    const hex = await sha256Hex(await blob.arrayBuffer());
    onProgress?.(blob.size, blob.size);
    return hex;
  }
  const hasher = await createSHA256();
  await feed(blob, [hasher], onProgress);
  return hasher.digest('hex');
}
