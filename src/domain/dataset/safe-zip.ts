// The one way the workbench reads zips (dataset sets, project backups, models users bring): the central directory
// first, then only the entries the caller's layout wants, each checked against size and compression-ratio limits
// before a byte is inflated, and inflated in small steps that stop at the size the entry declared. A zip bomb is
// refused by name without being inflated; one that lies about its sizes is stopped a few megabytes in.
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { readCentralDirectory, type ZipEntry, ZipError, type ZipSource } from './zip-directory';

export { bytesSource, type ZipEntry, ZipError, type ZipSource } from './zip-directory';

export interface ZipLimits {
  /** Largest size one file may inflate to. */
  entryBytes: number;
  /** Largest size all the files read from one archive may inflate to together. */
  totalBytes: number;
  /** Largest inflated : compressed ratio of one file (checked for files above RATIO_FLOOR). */
  ratio: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Enough for any real dataset or backup file (a backup holds at most 2 GB of images); far below what a bomb claims. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { entryBytes: GiB, totalBytes: 4 * GiB, ratio: 100 };

/** Small files may compress far better than any bomb ratio (a JSON file of repeated records): their ratio is not checked. */
export const RATIO_FLOOR = MiB;

/** Compressed bytes per inflate step: the most one step can produce is about 1,032 times this (16 MiB). */
const INFLATE_STEP = 16 * 1024;
/** Compressed bytes read from the source at once. */
const READ_CHUNK = MiB;
const LOCAL = 0x04034b50;

export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', GiB], ['MiB', MiB], ['KiB', 1024]] as const) if (bytes >= size) return `${+(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes} bytes`;
}

export interface OpenedZip {
  readonly name: string;
  /** The files kept, in the archive's order: each already checked against the limits. */
  readonly entries: readonly ZipEntry[];
  /** Files outside the caller's layout, never inflated. */
  readonly skipped: readonly string[];
  /** One file's bytes, inflated within its declared size and checked against its CRC-32. */
  read(entry: ZipEntry): Promise<Uint8Array>;
}

export interface OpenZipOptions {
  /** Whether a file is part of the expected layout; the rest are skipped without being inflated. Default: all. */
  keep?: (path: string) => boolean;
  limits?: ZipLimits;
}

const outside = (path: string) => path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.split('/').includes('..');

/** Why a kept entry cannot be read within the limits, or null. */
function limitProblem(entry: ZipEntry, limits: ZipLimits): string | null {
  if (entry.size > limits.entryBytes) {
    return `would inflate to ${formatSize(entry.size)}, more than the limit of ${formatSize(limits.entryBytes)} per file`;
  }
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  if (entry.size > RATIO_FLOOR && ratio > limits.ratio) {
    return `would inflate ${formatSize(entry.compressedSize)} to ${formatSize(entry.size)} (${Math.round(ratio)}:1), more than the limit of ${limits.ratio}:1 (a zip bomb?)`;
  }
  return null;
}

/**
 * Opens a zip by its central directory and checks, before anything is inflated, every file the layout keeps:
 * a safe path (no absolute path, no ".."), listed once, stored or deflated, unencrypted, inside the archive, not
 * overlapping another, and within the limits. Throws ZipError naming the entry at fault (or the archive).
 */
export async function openZip(source: ZipSource, name: string, options: OpenZipOptions = {}): Promise<OpenedZip> {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const keep = options.keep ?? (() => true);
  const entries: ZipEntry[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const entry of await readCentralDirectory(source, name)) {
    if (entry.name.endsWith('/')) continue;
    if (outside(entry.name)) throw new ZipError(entry.name, 'a path outside the archive (absolute, or with "..")');
    if (!keep(entry.name)) {
      skipped.push(entry.name);
      continue;
    }
    if (seen.has(entry.name)) throw new ZipError(entry.name, 'listed twice in the archive');
    seen.add(entry.name);
    if (entry.encrypted) throw new ZipError(entry.name, 'encrypted, which is not supported');
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(entry.name, `compressed with method ${entry.method}; only stored and deflated files are read`);
    if (entry.method === 0 && entry.size !== entry.compressedSize) throw new ZipError(entry.name, 'damaged: a stored file whose sizes differ');
    if (entry.offset + 30 + entry.compressedSize > source.size) throw new ZipError(entry.name, 'lies past the end of the archive (cut short?)');
    const problem = limitProblem(entry, limits);
    if (problem) throw new ZipError(entry.name, problem);
    total += entry.size;
    if (total > limits.totalBytes) {
      throw new ZipError(entry.name, `the files up to this one would inflate to ${formatSize(total)}, more than the limit of ${formatSize(limits.totalBytes)} per archive`);
    }
    entries.push(entry);
  }
  // Entries sharing compressed data inflate it once per entry: a bomb without a single large entry.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1]!;
    if (byOffset[i]!.offset < before.offset + 30 + before.compressedSize) throw new ZipError(byOffset[i]!.name, `overlaps ${before.name} in the archive`);
  }
  return { name, entries, skipped, read: (entry) => readEntry(source, entry) };
}

async function readEntry(source: ZipSource, entry: ZipEntry): Promise<Uint8Array> {
  const header = await source.read(entry.offset, 30);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || view.getUint32(0, true) !== LOCAL) throw new ZipError(entry.name, 'damaged: its local header is missing');
  const start = entry.offset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
  if (start + entry.compressedSize > source.size) throw new ZipError(entry.name, 'lies past the end of the archive (cut short?)');
  const data = entry.method === 0 ? await source.read(start, entry.size) : await inflateBounded(source, start, entry);
  if (data.length !== entry.size) throw new ZipError(entry.name, `damaged: ${data.length} bytes where the archive says ${entry.size}`);
  if (crc32(data) !== entry.crc32) throw new ZipError(entry.name, 'damaged: its CRC-32 does not match');
  return data;
}

async function inflateBounded(source: ZipSource, start: number, entry: ZipEntry): Promise<Uint8Array> {
  const out = new Uint8Array(entry.size);
  let length = 0;
  let failure: string | null = null;
  const inflater = new Inflate((chunk) => {
    if (failure) return;
    if (length + chunk.length > entry.size) failure = `inflates past the ${formatSize(entry.size)} its header declares`;
    else out.set(chunk, length);
    length += chunk.length;
  });
  const push = (slice: Uint8Array, final: boolean) => {
    try {
      inflater.push(slice, final);
    } catch (error) {
      failure ??= `damaged: ${(error as Error).message}`;
    }
    if (failure) throw new ZipError(entry.name, failure, length);
  };
  for (let read = 0; read < entry.compressedSize; ) {
    const chunk = await source.read(start + read, Math.min(READ_CHUNK, entry.compressedSize - read));
    if (chunk.length === 0) throw new ZipError(entry.name, 'lies past the end of the archive (cut short?)');
    read += chunk.length;
    for (let at = 0; at < chunk.length; at += INFLATE_STEP) {
      const end = Math.min(chunk.length, at + INFLATE_STEP);
      push(chunk.subarray(at, end), read === entry.compressedSize && end === chunk.length);
    }
  }
  if (entry.compressedSize === 0) push(new Uint8Array(0), true);
  return length === entry.size ? out : out.subarray(0, length);
}
