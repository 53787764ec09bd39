// `workbench inspect`: hashes, perceptual hash, metadata and hash-list matches of files from a seized folder,
// one JSON object per file; optionally the near-duplicate groups among them as a last line.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { baseName } from '../../domain/dataset/model';
import { type HashList, HashListReader, matchLists } from '../../domain/evidence/hash-list';
import { type ImageExif, readMetadata } from '../../domain/evidence/metadata';
import { nearDuplicateGroups, perceptualHash } from '../../domain/evidence/phash';
import { fullWindow } from '../../domain/raster-source';
import { openImage } from '../decode-image';
import { readInputFile } from '../read-file';
import type { Output } from './detect';

export interface InspectOptions {
  files: string[];
  hashLists: string[];
  nearDuplicates: boolean;
  maxDistance: number;
}

/** One line of `workbench inspect` output. */
export interface InspectLine {
  file: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** null when the file is not an image this can decode. */
  phash: string | null;
  exif: { make: string | null; model: string | null; time: string | null; gps: { lat: number; lon: number; alt: number | null } | null };
  matches: string[];
}

/** Files up to this size are also decoded for the perceptual hash; larger ones are only hashed (streamed). */
const DECODE_LIMIT = 1024 * 1024 * 1024;
/** The app hashes a 256-pixel thumbnail; the same size here gives the same hash within a bit or two. */
const THUMBNAIL = 256;

const reasons: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'is a directory, not a file', EACCES: 'permission denied', EPERM: 'permission denied' };
const ioReason = (error: unknown) => reasons[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;

/** MD5, SHA-1 and SHA-256 in one streamed pass over the file (node:crypto). */
async function fileHashes(path: string): Promise<{ md5: string; sha1: string; sha256: string }> {
  const hashers = { md5: createHash('md5'), sha1: createHash('sha1'), sha256: createHash('sha256') };
  for await (const chunk of createReadStream(path, { highWaterMark: 8 * 1024 * 1024 })) {
    for (const h of Object.values(hashers)) h.update(chunk as Buffer);
  }
  return { md5: hashers.md5.digest('hex'), sha1: hashers.sha1.digest('hex'), sha256: hashers.sha256.digest('hex') };
}

/** Reads a list streamed; each malformed line goes to stderr with its number, the rest is used. */
export async function readHashListFile(path: string, stderr: (line: string) => void): Promise<HashList> {
  const reader = new HashListReader();
  const decoder = new TextDecoder();
  try {
    for await (const chunk of createReadStream(path)) reader.push(decoder.decode(chunk as Buffer, { stream: true }));
  } catch (error) {
    throw new Error(`hash list ${path}: ${ioReason(error)}`, { cause: error });
  }
  reader.push(decoder.decode());
  const name = baseName(path).replace(/\.[^.]+$/, '');
  const list = reader.finish({ id: path, name, source: path, loadedAt: new Date().toISOString() });
  for (const p of list.problems) stderr(`workbench: ${path} line ${p.line}: ${p.reason} (skipped)`);
  if (list.problemCount > list.problems.length) stderr(`workbench: ${path}: ${list.problemCount - list.problems.length} more malformed lines skipped`);
  return list;
}

function exifOut(exif: ImageExif | undefined): InspectLine['exif'] {
  const gps = exif?.gps;
  return {
    make: exif?.make ?? null,
    model: exif?.model ?? null,
    time: exif?.time ?? null,
    gps: gps ? { lat: gps.lat, lon: gps.lon, alt: gps.alt ?? null } : null,
  };
}

async function thumbnailHash(bytes: Uint8Array): Promise<string> {
  const { source } = await openImage(bytes);
  const scale = Math.min(1, THUMBNAIL / Math.max(source.width, source.height));
  const [w, h] = [Math.max(1, Math.round(source.width * scale)), Math.max(1, Math.round(source.height * scale))];
  return perceptualHash(await source.readWindow(fullWindow(source), w, h));
}

async function inspectFile(file: string, lists: readonly HashList[], warn: (line: string) => void): Promise<InspectLine> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw new Error(ioReason(error), { cause: error });
  }
  const hashes = await fileHashes(file);
  let phash: string | null = null;
  let exif: ImageExif | undefined;
  if (size <= DECODE_LIMIT) {
    const bytes = await readInputFile(file);
    exif = await readMetadata(bytes);
    if (exif.problem) warn(`workbench: ${file}: ${exif.problem}`);
    try {
      phash = await thumbnailHash(bytes);
    } catch (error) {
      warn(`workbench: ${file}: no perceptual hash (${(error as Error).message})`);
    }
  } else warn(`workbench: ${file}: larger than 1 GB, only hashed`);
  return { file, size, ...hashes, phash, exif: exifOut(exif), matches: matchLists(lists, hashes).map((m) => m.list) };
}

export async function runInspect(options: InspectOptions, io: Output): Promise<number> {
  const lists: HashList[] = [];
  for (const path of options.hashLists) lists.push(await readHashListFile(path, io.stderr));
  let failures = 0;
  const inspected: InspectLine[] = [];
  for (const file of options.files) {
    try {
      const line = await inspectFile(file, lists, io.stderr);
      inspected.push(line);
      io.stdout(`${JSON.stringify(line)}\n`);
    } catch (error) {
      failures++;
      io.stderr(`workbench: ${file}: ${(error as Error).message}`);
    }
  }
  if (options.nearDuplicates) {
    const groups = nearDuplicateGroups(inspected.map((i) => ({ file: i.file, phash: i.phash ?? undefined })), options.maxDistance);
    io.stdout(`${JSON.stringify({ groups: groups.map((g) => g.map((i) => i.file)) })}\n`);
  }
  return failures > 0 ? 1 : 0;
}
