import type { ZipSource } from '../domain/dataset/safe-zip';

/** A File or Blob read by byte ranges: a large zip is never in memory whole, only the parts asked for. */
export const blobSource = (blob: Blob): ZipSource => ({
  size: blob.size,
  read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
});
