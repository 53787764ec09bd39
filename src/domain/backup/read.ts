// Reading a backup refuses it, naming the file, unless every byte is as the manifest says: nothing is written
// from a bundle that was cut short or altered. The zip is read as a stream, twice: once to check everything
// (keeping only the JSON files), once to hand the image files to storage, so memory holds one image at a time.
import { Unzip, UnzipInflate } from 'fflate';
import type { Annotation } from '../annotation';
import { type AuditEntry, verifyChain } from '../audit';
import { sha256Hex } from '../hash';
import type { ImageRecord } from '../image';
import type { PredictionRecord } from '../prediction';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleManifest, PATHS, type ProjectContents } from './bundle';

const SHA256 = /^[0-9a-f]{64}$/;

/** The bundle's bytes from the start, in chunks (a File's stream in the browser); callable again for a second pass. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

const PUSH_SLICE = 4096;

/** Each file of the zip, whole, as soon as its last byte has streamed in. */
export async function* zipEntries(source: ByteSource, name: string): AsyncGenerator<[string, Uint8Array]> {
  const finished: [string, Uint8Array][] = [];
  let open = 0;
  let failure: string | null = null;
  const unzip = new Unzip((file) => {
    const parts: Uint8Array[] = [];
    open++;
    file.ondata = (error, data, final) => {
      if (error) failure = error.message;
      else parts.push(data);
      if (final && !error) {
        open--;
        if (!file.name.endsWith('/')) finished.push([file.name, concat(parts)]);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      unzip.push(chunk, final);
    } catch (error) {
      failure = (error as Error).message;
    }
    if (failure || (final && open > 0)) throw new BundleError(name, `not a readable zip, or cut short (${failure ?? 'its last file ends early'})`);
  };
  for await (const chunk of source()) {
    // fflate's Unzip recurses once per file inside one pushed chunk: thousands of tiny files in one large chunk
    // overflow the stack, so it gets the bytes in small slices.
    for (let offset = 0; offset < chunk.length; offset += PUSH_SLICE) push(chunk.subarray(offset, offset + PUSH_SLICE), false);
    yield* finished.splice(0);
  }
  push(new Uint8Array(0), true);
  yield* finished.splice(0);
}

function parseJson<T>(files: Record<string, Uint8Array>, path: string, check: (value: unknown) => boolean, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files[path]!));
  } catch (error) {
    throw new BundleError(path, `not valid JSON (${(error as Error).message})`);
  }
  if (!check(value)) throw new BundleError(path, `not ${what}`);
  return value as T;
}

function readManifest(files: Record<string, Uint8Array>, schemaVersion: number): BundleManifest {
  if (!files[PATHS.manifest]) throw new BundleError(PATHS.manifest, 'missing: this is not a project backup, or it was cut short');
  const isManifest = (v: unknown) => {
    const m = v as Partial<BundleManifest>;
    return typeof m === 'object' && m !== null && m.format === BUNDLE_FORMAT && Array.isArray(m.files) && typeof m.projectName === 'string';
  };
  const manifest = parseJson<BundleManifest>(files, PATHS.manifest, isManifest, 'a project backup manifest');
  if (manifest.formatVersion > BUNDLE_VERSION) {
    throw new BundleError(PATHS.manifest, `bundle format ${manifest.formatVersion} is newer than this app reads (${BUNDLE_VERSION}): update the app`);
  }
  if (manifest.schemaVersion > schemaVersion) {
    throw new BundleError(PATHS.manifest, `written with storage schema ${manifest.schemaVersion}, newer than this app's (${schemaVersion}): update the app`);
  }
  return manifest;
}

interface Scanned {
  sha256: string;
  bytes: number;
}

/** Every listed file present with its size and SHA-256, and nothing unlisted. */
function checkFiles(scanned: ReadonlyMap<string, Scanned>, manifest: BundleManifest): void {
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const found = scanned.get(entry.path);
    if (!found) throw new BundleError(entry.path, 'listed in the manifest but missing from the bundle (cut short?)');
    if (found.bytes !== entry.bytes) throw new BundleError(entry.path, `${found.bytes} bytes where the manifest says ${entry.bytes} (cut short or altered)`);
    if (found.sha256 !== entry.sha256) throw new BundleError(entry.path, 'its SHA-256 does not match the manifest: the file was altered');
  }
  for (const path of scanned.keys()) {
    if (path !== PATHS.manifest && !listed.has(path)) throw new BundleError(path, 'not listed in the manifest');
  }
  for (const path of [PATHS.images, PATHS.annotations, PATHS.predictions, PATHS.audit, PATHS.labels]) {
    if (!listed.has(path)) throw new BundleError(path, 'missing from the manifest');
  }
}

const PREFIXES = { 'images/': 'blob', 'thumbnails/': 'thumbnail', 'previews/': 'preview' } as const;
export type BinaryKind = (typeof PREFIXES)[keyof typeof PREFIXES];

/** What an image file's path says: its kind and SHA-256; null for a path that is not one. */
function binaryOf(path: string): { kind: BinaryKind; sha256: string } | null {
  for (const [prefix, kind] of Object.entries(PREFIXES)) {
    if (!path.startsWith(prefix)) continue;
    const sha256 = path.slice(prefix.length);
    if (!SHA256.test(sha256)) throw new BundleError(path, 'not named by a SHA-256');
    return { kind: kind as BinaryKind, sha256 };
  }
  return null;
}

/** The bundle's JSON content, checked. */
export type BundleData = Pick<ProjectContents, 'images' | 'annotations' | 'predictions' | 'audit' | 'labels'>;

/**
 * Checks a backup through and through (first pass) and returns its manifest and JSON content; throws
 * BundleError naming the first fault. Nothing of the bundle is kept but its JSON files.
 */
export async function readBundle(source: ByteSource, schemaVersion: number, name = 'the bundle'): Promise<{ manifest: BundleManifest; data: BundleData; imageFiles: number }> {
  const json: Record<string, Uint8Array> = {};
  const scanned = new Map<string, Scanned>();
  const originals = new Set<string>();
  for await (const [path, bytes] of zipEntries(source, name)) {
    const sha256 = await sha256Hex(bytes);
    scanned.set(path, { sha256, bytes: bytes.length });
    if (path.endsWith('.json')) json[path] = bytes;
    const binary = binaryOf(path);
    if (binary?.kind === 'blob') {
      if (sha256 !== binary.sha256) throw new BundleError(path, 'the bytes do not hash to the name: the image was altered');
      originals.add(sha256);
    }
  }
  const manifest = readManifest(json, schemaVersion);
  checkFiles(scanned, manifest);

  const images = parseJson<ImageRecord[]>(json, PATHS.images, (v) => Array.isArray(v) && v.every((r) => SHA256.test((r as ImageRecord)?.sha256)), 'a list of image records');
  const annotations = parseJson<Annotation[]>(json, PATHS.annotations, Array.isArray, 'a list of annotations');
  const predictions = parseJson<PredictionRecord[]>(json, PATHS.predictions, Array.isArray, 'a list of results');
  const audit = parseJson<AuditEntry[]>(json, PATHS.audit, Array.isArray, 'an audit log');
  const labels = parseJson<string[]>(json, PATHS.labels, (v) => Array.isArray(v) && v.every((l) => typeof l === 'string'), 'a list of labels');

  const known = new Set(images.map((i) => i.sha256));
  for (const path of scanned.keys()) {
    const binary = binaryOf(path);
    if (binary && !known.has(binary.sha256)) throw new BundleError(path, 'no record for this image in images.json');
  }
  for (const a of annotations) {
    if (!known.has(a.imageSha256)) throw new BundleError(PATHS.annotations, `annotation ${a.id} belongs to an image not in images.json`);
  }
  const chain = await verifyChain(audit);
  if (!chain.ok) throw new BundleError(PATHS.audit, `entry ${chain.seq}: ${chain.reason}`);
  return { manifest, data: { images, annotations, predictions, audit, labels }, imageFiles: scanned.size - Object.keys(json).length };
}

/** Second pass over a checked bundle: its image files (originals, thumbnails, previews), one at a time. */
export async function* bundleImageFiles(source: ByteSource, name: string): AsyncGenerator<{ kind: BinaryKind; sha256: string; bytes: Uint8Array }> {
  for await (const [path, bytes] of zipEntries(source, name)) {
    const binary = binaryOf(path);
    if (binary) yield { ...binary, bytes };
  }
}
