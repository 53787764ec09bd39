// Evidence work per imported file (MD5 + SHA-1 + SHA-256 in one streamed pass, metadata, perceptual hash of the
// thumbnail) against what import did before (SHA-256 alone), and known-file hash lists of 100,000 and 1,000,000 lines.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeImage } from '../../src/cli/decode-image';
import { HashListReader, matchLists } from '../../src/domain/evidence/hash-list';
import { readMetadata } from '../../src/domain/evidence/metadata';
import { perceptualHash } from '../../src/domain/evidence/phash';
import { resizeToRgbFloats } from '../../src/domain/raster';
import { hashesOfBlob, sha256OfBlob } from '../../src/platform/hash-blob';
import { emit, fixture } from './report';

const ROUNDS = Number(process.env.BENCH_EVIDENCE_ROUNDS ?? 20);

/** The 256-px thumbnail the import hashes perceptually (the import decodes the image for it anyway). */
function thumbnailOf(bytes: Uint8Array) {
  const { pixels } = decodeImage(bytes);
  const scale = Math.min(1, 256 / Math.max(pixels.width, pixels.height));
  const [w, h] = [Math.max(1, Math.round(pixels.width * scale)), Math.max(1, Math.round(pixels.height * scale))];
  const rgb = resizeToRgbFloats(pixels, w, h);
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[i * 4 + c] = rgb[i * 3 + c]!;
  return { data, width: w, height: h };
}

async function benchImportWork(): Promise<void> {
  const names = ['astronaut.png', 'chelsea.png', 'rocket.jpg', 'camera.png', 'horse.png', 'mosaic-worldfile.jpg'];
  const files = names.map((name) => new Uint8Array(readFileSync(fixture(name))));
  files.push(new Uint8Array(readFileSync(createRequire(import.meta.url).resolve('exif-parser/test/starfish.jpg'))));
  const thumbnails = files.map(thumbnailOf);
  const blobs = files.map((bytes) => new Blob([bytes]));
  const megabytes = (files.reduce((n, f) => n + f.length, 0) * ROUNDS) / 1e6;
  const count = files.length * ROUNDS;

  let start = performance.now();
  for (let r = 0; r < ROUNDS; r++) for (const blob of blobs) await sha256OfBlob(blob);
  const sha256Ms = performance.now() - start;

  start = performance.now();
  let hashMs = 0;
  let metadataMs = 0;
  let phashMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, blob] of blobs.entries()) {
      const t0 = performance.now();
      await hashesOfBlob(blob);
      const t1 = performance.now();
      await readMetadata(files[i]!);
      const t2 = performance.now();
      perceptualHash(thumbnails[i]!);
      const t3 = performance.now();
      hashMs += t1 - t0;
      metadataMs += t2 - t1;
      phashMs += t3 - t2;
    }
  }
  const evidenceMs = performance.now() - start;
  emit({
    name: 'node.import_evidence_vs_sha256',
    backend: 'none',
    figures: {
      files: count,
      megabytes: megabytes,
      sha256FilesPerSecond: count / (sha256Ms / 1000),
      sha256MBps: megabytes / (sha256Ms / 1000),
      evidenceFilesPerSecond: count / (evidenceMs / 1000),
      evidenceMBps: megabytes / (evidenceMs / 1000),
      threeHashesMsPerFile: hashMs / count,
      metadataMsPerFile: metadataMs / count,
      phashMsPerFile: phashMs / count,
    },
    ratio: evidenceMs / sha256Ms,
    note: 'per file: MD5+SHA-1+SHA-256 (hash-wasm, one pass) + exifr + pHash of the 256-px thumbnail, against SHA-256 alone (WebCrypto, as import did before); decoding and the thumbnail are import work either way and not counted',
  });

  const size = 256 * 1024 * 1024;
  const big = new Blob([randomBytes(size)]);
  start = performance.now();
  await sha256OfBlob(big);
  const oneMs = performance.now() - start;
  start = performance.now();
  await hashesOfBlob(big);
  const threeMs = performance.now() - start;
  emit({
    name: 'node.file_hashes_256mb_three_vs_sha256',
    backend: 'none',
    figures: { sha256MBps: size / 1e6 / (oneMs / 1000), threeHashesMBps: size / 1e6 / (threeMs / 1000) },
    ratio: threeMs / oneMs,
    note: 'a file over 64 MB, in 8 MB chunks: MD5+SHA-1+SHA-256 in one pass against SHA-256 alone (both hash-wasm)',
  });
}

function listText(lines: number): { text: string; sample: { md5: string; sha1: string; sha256: string }[] } {
  const out: string[] = [];
  const sample: { md5: string; sha1: string; sha256: string }[] = [];
  for (let i = 0; i < lines; i++) {
    const seed = `file ${i}`;
    const algorithm = ['md5', 'sha1', 'sha256'][i % 3]!;
    out.push(`${createHash(algorithm).update(seed).digest('hex')}  ${seed}.jpg`);
    if (i % 100 === 0) sample.push({ md5: createHash('md5').update(seed).digest('hex'), sha1: createHash('sha1').update(seed).digest('hex'), sha256: createHash('sha256').update(seed).digest('hex') });
  }
  return { text: `${out.join('\n')}\n`, sample };
}

async function benchHashList(lines: number, name: string): Promise<void> {
  const { text, sample } = listText(lines);
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const reader = new HashListReader();
  const CHUNK = 1 << 20; // as the file streams in
  for (let at = 0; at < text.length; at += CHUNK) reader.push(text.slice(at, at + CHUNK));
  const list = reader.finish({ id: 'bench', name: 'bench', source: 'bench.txt', loadedAt: new Date().toISOString() });
  const loadMs = performance.now() - start;
  const packedMB = (list.packed.md5.length + list.packed.sha1.length + list.packed.sha256.length) / 1e6;

  const queries = 100_000;
  const misses = Array.from({ length: queries }, (_, i) => ({ md5: createHash('md5').update(`other ${i}`).digest('hex'), sha1: createHash('sha1').update(`other ${i}`).digest('hex'), sha256: createHash('sha256').update(`other ${i}`).digest('hex') }));
  let found = 0;
  const t0 = performance.now();
  for (const hashes of misses) found += matchLists([list], hashes).length;
  for (const hashes of sample) found += matchLists([list], hashes).length;
  const matchMs = performance.now() - t0;
  if (found !== sample.length) throw new Error(`expected ${sample.length} matches, found ${found}`);
  emit({
    name,
    backend: 'none',
    figures: {
      lines,
      loadMs,
      linesPerSecond: lines / (loadMs / 1000),
      packedMB,
      heapGrowthMB: (process.memoryUsage().heapUsed - heapBefore) / 1e6,
      filesMatchedPerSecond: (queries + sample.length) / (matchMs / 1000),
      microsecondsPerFile: (matchMs * 1000) / (queries + sample.length),
    },
    note: 'read (streamed in 1 MB pieces), sorted and packed; then each file looked up by its MD5, SHA-1 and SHA-256 (goal: 100,000 lines load in under a second)',
  });
}

export async function benchEvidence(): Promise<void> {
  await benchImportWork();
  await benchHashList(100_000, 'node.hash_list_100k');
  await benchHashList(1_000_000, 'node.hash_list_1m');
}
