import { sha256Hex } from '../domain/hash';
import { Sha256 } from '../domain/sha256';

/** Up to this size a file is hashed whole by WebCrypto (faster); above it, in chunks, so memory stays flat. */
export const WHOLE_FILE_HASH_LIMIT = 64 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;

/** SHA-256 of a file or blob, without holding a large one in memory at once. */
export async function sha256OfBlob(blob: Blob, onProgress?: (done: number, total: number) => void): Promise<string> {
  if (blob.size <= WHOLE_FILE_HASH_LIMIT) {
    const hex = await sha256Hex(await blob.arrayBuffer());
    onProgress?.(blob.size, blob.size);
    return hex;
  }
  const hasher = new Sha256();
  for (let offset = 0; offset < blob.size; offset += CHUNK) {
    hasher.update(new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer()));
    onProgress?.(Math.min(offset + CHUNK, blob.size), blob.size);
  }
  return hasher.hex();
}
