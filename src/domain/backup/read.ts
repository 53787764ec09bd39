// Reading a backup refuses it, naming the file, unless every byte is as the manifest says: nothing is written
// from a bundle that was cut short or altered. The zip is read through the hardened reader, by its central
// directory: the manifest first, then only the files it lists, each within the zip limits, so an unlisted or
// oversized entry is refused by name before a byte of it is inflated. Two passes: one checks everything (keeping
// only the JSON files), one hands the image files to storage, so memory holds one image at a time.
import { type OpenedZip, openZip, type ZipEntry, ZipError, type ZipLimits, type ZipSource } from '../dataset/safe-zip';
import type { Annotation } from '../annotation';
import type { AuditEntry } from '../audit';
import { isChainHead, verifyAnnotations } from '../audit-replay';
import { type PublicSigningKey, verifySignatures } from '../audit-signature';

const isPublicKey = (v: unknown): boolean => {
  const k = v as Partial<PublicSigningKey> | null;
  return typeof k === 'object' && k !== null && typeof k.keyId === 'string' && typeof k.spki === 'string' && typeof k.analyst === 'string';
};
import { sha256Hex } from '../hash';
import type { ImageRecord } from '../image';
import type { PredictionRecord } from '../prediction';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleManifest, type ManifestFile, PATHS, type ProjectContents } from './bundle';

export type { ZipSource } from '../dataset/safe-zip';

const SHA256 = /^[0-9a-f]{64}$/;
const JSON_PATHS: readonly string[] = [PATHS.images, PATHS.annotations, PATHS.predictions, PATHS.audit, PATHS.labels];

/** The zip opened for the files `keep` names, its refusals as BundleErrors naming the entry (or the bundle). */
async function open(source: ZipSource, name: string, keep: (path: string) => boolean, limits?: ZipLimits): Promise<OpenedZip> {
  try {
    return await openZip(source, name, { keep, ...(limits ? { limits } : {}) });
  } catch (error) {
    throw error instanceof ZipError ? new BundleError(error.entry, error.reason) : error;
  }
}

async function read(zip: OpenedZip, entry: ZipEntry): Promise<Uint8Array> {
  try {
    return await zip.read(entry);
  } catch (error) {
    throw error instanceof ZipError ? new BundleError(error.entry, error.reason) : error;
  }
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

/** A path a backup holds: the manifest, its JSON files, or an image file named by SHA-256. */
const inLayout = (path: string) => path === PATHS.manifest || path === PATHS.keys || JSON_PATHS.includes(path) || binaryOf(path) !== null;

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
  const listed = new Set<string>();
  for (const [index, file] of manifest.files.entries()) {
    const f = file as Partial<ManifestFile> | null;
    const where = `files[${index}]`;
    if (typeof f !== 'object' || f === null || typeof f.path !== 'string') throw new BundleError(PATHS.manifest, `${where} names no path`);
    if (f.path === PATHS.manifest || !inLayout(f.path)) throw new BundleError(PATHS.manifest, `${where} names "${f.path}", not a file a project backup holds`);
    if (!Number.isSafeInteger(f.bytes) || f.bytes! < 0 || typeof f.sha256 !== 'string' || !SHA256.test(f.sha256)) {
      throw new BundleError(PATHS.manifest, `${where} (${f.path}) needs a size in bytes and a SHA-256`);
    }
    if (listed.has(f.path)) throw new BundleError(PATHS.manifest, `${where} lists ${f.path} a second time`);
    listed.add(f.path);
  }
  for (const path of JSON_PATHS) if (!listed.has(path)) throw new BundleError(path, 'missing from the manifest');
  return manifest;
}

const PREFIXES = { 'images/': 'blob', 'thumbnails/': 'thumbnail', 'previews/': 'preview' } as const;
export type BinaryKind = (typeof PREFIXES)[keyof typeof PREFIXES];

/** What an image file's path says: its kind and SHA-256; null for a path that is not one. */
function binaryOf(path: string): { kind: BinaryKind; sha256: string } | null {
  for (const [prefix, kind] of Object.entries(PREFIXES)) {
    if (!path.startsWith(prefix)) continue;
    const sha256 = path.slice(prefix.length);
    return SHA256.test(sha256) ? { kind: kind as BinaryKind, sha256 } : null;
  }
  return null;
}

/** The bundle's JSON content, checked. */
export type BundleData = Pick<ProjectContents, 'images' | 'annotations' | 'predictions' | 'audit' | 'labels' | 'keys'>;

/**
 * The files the manifest lists, checked by the central directory before any is inflated: nothing unlisted,
 * nothing listed missing, every size as the manifest says.
 */
function checkDirectory(zip: OpenedZip, manifest: BundleManifest): void {
  const [unlisted] = zip.skipped;
  if (unlisted !== undefined) throw new BundleError(unlisted, 'not listed in the manifest');
  const sizes = new Map(zip.entries.map((e) => [e.name, e.size]));
  for (const file of manifest.files) {
    const size = sizes.get(file.path);
    if (size === undefined) throw new BundleError(file.path, 'listed in the manifest but missing from the bundle (cut short?)');
    if (size !== file.bytes) throw new BundleError(file.path, `${size} bytes where the manifest says ${file.bytes} (cut short or altered)`);
  }
}

/**
 * Checks a backup through and through (first pass) and returns its manifest and JSON content; throws
 * BundleError naming the first fault. Nothing of the bundle is kept but its JSON files. `limits`: what its files
 * may inflate to (the zip limits).
 */
export async function readBundle(
  source: ZipSource,
  schemaVersion: number,
  name = 'the bundle',
  limits?: ZipLimits,
): Promise<{ manifest: BundleManifest; data: BundleData; imageFiles: number }> {
  const first = await open(source, name, (path) => path === PATHS.manifest, limits);
  const json: Record<string, Uint8Array> = Object.create(null) as Record<string, Uint8Array>;
  if (first.entries[0]) json[PATHS.manifest] = await read(first, first.entries[0]);
  const manifest = readManifest(json, schemaVersion);
  const expected = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const zip = await open(source, name, (path) => path === PATHS.manifest || expected.has(path), limits);
  checkDirectory(zip, manifest);

  let imageFiles = 0;
  for (const entry of zip.entries) {
    if (entry.name === PATHS.manifest) continue;
    const bytes = await read(zip, entry);
    const sha256 = await sha256Hex(bytes);
    const binary = binaryOf(entry.name);
    if (binary?.kind === 'blob' && sha256 !== binary.sha256) throw new BundleError(entry.name, 'the bytes do not hash to the name: the image was altered');
    if (sha256 !== expected.get(entry.name)) throw new BundleError(entry.name, 'its SHA-256 does not match the manifest: the file was altered');
    if (binary) imageFiles++;
    else json[entry.name] = bytes;
  }

  const images = parseJson<ImageRecord[]>(json, PATHS.images, (v) => Array.isArray(v) && v.every((r) => SHA256.test((r as ImageRecord)?.sha256)), 'a list of image records');
  const annotations = parseJson<Annotation[]>(json, PATHS.annotations, Array.isArray, 'a list of annotations');
  const predictions = parseJson<PredictionRecord[]>(json, PATHS.predictions, Array.isArray, 'a list of results');
  const audit = parseJson<AuditEntry[]>(json, PATHS.audit, Array.isArray, 'an audit log');
  const labels = parseJson<string[]>(json, PATHS.labels, (v) => Array.isArray(v) && v.every((l) => typeof l === 'string'), 'a list of labels');
  const keys = json[PATHS.keys] ? parseJson<PublicSigningKey[]>(json, PATHS.keys, (v) => Array.isArray(v) && v.every(isPublicKey), 'a list of public keys') : [];

  const known = new Set(images.map((i) => i.sha256));
  for (const { path } of manifest.files) {
    const binary = binaryOf(path);
    if (binary && !known.has(binary.sha256)) throw new BundleError(path, 'no record for this image in images.json');
  }
  for (const a of annotations) {
    if (!known.has(a.imageSha256)) throw new BundleError(PATHS.annotations, `annotation ${a.id} belongs to an image not in images.json`);
  }
  // The chain from its first entry, its end where the manifest records it, and the annotations as the log leaves them.
  const check = await verifyAnnotations(audit, annotations, isChainHead(manifest.auditHead) ? manifest.auditHead : undefined);
  if (!check.ok) throw new BundleError(check.part === 'annotations' ? PATHS.annotations : PATHS.audit, check.problem);
  const signatures = await verifySignatures(audit, keys);
  if (!signatures.ok) throw new BundleError(signatures.seq ? PATHS.audit : PATHS.keys, signatures.seq ? `entry ${signatures.seq}: ${signatures.reason}` : signatures.reason);
  return { manifest, data: { images, annotations, predictions, audit, labels, ...(keys.length ? { keys } : {}) }, imageFiles };
}

/** Second pass over a checked bundle: its image files (originals, thumbnails, previews), one at a time. */
export async function* bundleImageFiles(
  source: ZipSource,
  name: string,
  limits?: ZipLimits,
): AsyncGenerator<{ kind: BinaryKind; sha256: string; bytes: Uint8Array }> {
  const zip = await open(source, name, (path) => binaryOf(path) !== null, limits);
  for (const entry of zip.entries) yield { ...binaryOf(entry.name)!, bytes: await read(zip, entry) };
}
