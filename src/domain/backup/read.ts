// Reading a backup refuses it, naming the file, unless every byte is as the manifest says: nothing is written
// from a bundle that was cut short or altered.
import { unzipSync } from 'fflate';
import type { Annotation } from '../annotation';
import { type AuditEntry, verifyChain } from '../audit';
import { sha256Hex } from '../hash';
import type { ImageRecord } from '../image';
import type { PredictionRecord } from '../prediction';
import { BUNDLE_FORMAT, BUNDLE_VERSION, BundleError, type BundleManifest, PATHS, type ProjectContents } from './bundle';

const SHA256 = /^[0-9a-f]{64}$/;

function unzip(zip: Uint8Array, name: string): Record<string, Uint8Array> {
  try {
    return unzipSync(zip);
  } catch (error) {
    throw new BundleError(name, `not a readable zip, or cut short (${(error as Error).message})`);
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

/** Every listed file present with its size and SHA-256, and nothing unlisted. */
async function checkFiles(files: Record<string, Uint8Array>, manifest: BundleManifest): Promise<void> {
  const listed = new Set<string>();
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const bytes = files[entry.path];
    if (!bytes) throw new BundleError(entry.path, 'listed in the manifest but missing from the bundle (cut short?)');
    if (bytes.length !== entry.bytes) throw new BundleError(entry.path, `${bytes.length} bytes where the manifest says ${entry.bytes} (cut short or altered)`);
    if ((await sha256Hex(bytes)) !== entry.sha256) throw new BundleError(entry.path, 'its SHA-256 does not match the manifest: the file was altered');
  }
  for (const path of Object.keys(files)) {
    if (path !== PATHS.manifest && !path.endsWith('/') && !listed.has(path)) throw new BundleError(path, 'not listed in the manifest');
  }
  for (const path of [PATHS.images, PATHS.annotations, PATHS.predictions, PATHS.audit, PATHS.labels]) {
    if (!listed.has(path)) throw new BundleError(path, 'missing from the manifest');
  }
}

function byPrefix(files: Record<string, Uint8Array>, prefix: string): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const [path, bytes] of Object.entries(files)) {
    if (!path.startsWith(prefix)) continue;
    const sha = path.slice(prefix.length);
    if (!SHA256.test(sha)) throw new BundleError(path, 'not named by a SHA-256');
    found.set(sha, bytes);
  }
  return found;
}

/** Checks a backup through and through and returns what it holds; throws BundleError naming the first fault. */
export async function readBundle(zip: Uint8Array, schemaVersion: number, name = 'the bundle'): Promise<{ manifest: BundleManifest; contents: ProjectContents }> {
  const files = unzip(zip, name);
  const manifest = readManifest(files, schemaVersion);
  await checkFiles(files, manifest);

  const images = parseJson<ImageRecord[]>(files, PATHS.images, (v) => Array.isArray(v) && v.every((r) => SHA256.test((r as ImageRecord)?.sha256)), 'a list of image records');
  const annotations = parseJson<Annotation[]>(files, PATHS.annotations, Array.isArray, 'a list of annotations');
  const predictions = parseJson<PredictionRecord[]>(files, PATHS.predictions, Array.isArray, 'a list of results');
  const audit = parseJson<AuditEntry[]>(files, PATHS.audit, Array.isArray, 'an audit log');
  const labels = parseJson<string[]>(files, PATHS.labels, (v) => Array.isArray(v) && v.every((l) => typeof l === 'string'), 'a list of labels');

  const blobs = byPrefix(files, 'images/');
  for (const [sha, bytes] of blobs) {
    if ((await sha256Hex(bytes)) !== sha) throw new BundleError(PATHS.blob(sha), 'the bytes do not hash to the name: the image was altered');
  }
  const known = new Set(images.map((i) => i.sha256));
  for (const sha of blobs.keys()) if (!known.has(sha)) throw new BundleError(PATHS.blob(sha), 'no record for this image in images.json');
  for (const a of annotations) {
    if (!known.has(a.imageSha256)) throw new BundleError(PATHS.annotations, `annotation ${a.id} belongs to an image not in images.json`);
  }
  const chain = await verifyChain(audit);
  if (!chain.ok) throw new BundleError(PATHS.audit, `entry ${chain.seq}: ${chain.reason}`);

  return {
    manifest,
    contents: { images, annotations, predictions, audit, labels, blobs, thumbnails: byPrefix(files, 'thumbnails/'), previews: byPrefix(files, 'previews/') },
  };
}
