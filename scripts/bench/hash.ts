// Hashing a large file: the chunked SHA-256 (memory flat) against WebCrypto on the whole buffer (memory = file).
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../src/domain/hash';
import { sha256OfBlob } from '../../src/platform/hash-blob';
import { emit } from './report';

const SIZE = 512 * 1024 * 1024;
const CHUNK = 8 * 1024 * 1024;

export async function benchHash(): Promise<void> {
  const data = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i += 4096) data[i] = i & 0xff;
  const blob = new Blob([data]);

  let start = performance.now();
  const whole = await sha256Hex(data);
  const wholeMs = performance.now() - start;

  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  start = performance.now();
  const streamed = await sha256OfBlob(blob, () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)));
  const streamedMs = performance.now() - start;
  if (streamed !== whole) throw new Error('streamed SHA-256 differs from WebCrypto');

  // node:crypto (OpenSSL), as the CLI hashes: the same 8 MB chunks a file stream delivers.
  start = performance.now();
  const openssl = createHash('sha256');
  for (let offset = 0; offset < SIZE; offset += CHUNK) openssl.update(data.subarray(offset, offset + CHUNK));
  const nodeHex = openssl.digest('hex');
  const nodeMs = performance.now() - start;
  if (nodeHex !== whole) throw new Error('node:crypto SHA-256 differs from WebCrypto');

  emit({
    name: 'node.sha256_512mb_streamed_vs_webcrypto',
    backend: 'none',
    figures: {
      webcryptoMBps: SIZE / 1e6 / (wholeMs / 1000),
      streamedMBps: SIZE / 1e6 / (streamedMs / 1000),
      nodeCryptoMBps: SIZE / 1e6 / (nodeMs / 1000),
      streamedExtraRssMB: (peakRss - rssBefore) / 1e6,
    },
    ratio: streamedMs / wholeMs,
    note: 'streamed = hash-wasm in 8 MB chunks (the browser, files above 64 MB); nodeCrypto = node:crypto in 8 MB chunks (the CLI); WebCrypto needs the whole file in memory at once; ratio = streamed time over WebCrypto time',
  });
}
