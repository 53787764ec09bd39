import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { headOf } from '../audit-replay';
import { sha256Hex } from '../hash';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest, type ManifestFile, PATHS, type ProjectContents } from './bundle';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export type BundleMeta = Pick<BundleManifest, 'projectName' | 'schemaVersion' | 'created' | 'auditHead'>;

/**
 * Writes a bundle file by file: each file is hashed and handed to `sink` as zip bytes at once, so a backup
 * holds one image in memory at a time, not the whole project. The manifest goes last, when every hash is known.
 */
export class BundleWriter {
  private readonly zip: Zip;
  private readonly files: ManifestFile[] = [];
  private failure: Error | null = null;
  private includesImages = false;

  constructor(sink: (chunk: Uint8Array, final: boolean) => void) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else sink(chunk, final);
    });
  }

  /** JSON is compressed; image bytes are stored as they are (already compressed formats). */
  async add(path: string, bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.files.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.length });
    if (path.startsWith('images/')) this.includesImages = true;
    const entry = path.endsWith('.json') ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    this.zip.add(entry);
    entry.push(bytes, true);
  }

  async finish(meta: BundleMeta): Promise<BundleManifest> {
    const { auditHead, ...rest } = meta;
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_VERSION,
      ...rest,
      includesImages: this.includesImages,
      ...(auditHead ? { auditHead } : {}),
      files: this.files,
    };
    const entry = new ZipDeflate(PATHS.manifest, { level: 6 });
    this.zip.add(entry);
    entry.push(json(manifest), true);
    this.zip.end();
    if (this.failure) throw this.failure;
    return manifest;
  }
}

/** The JSON files of a bundle (everything but the manifest and the per-image files). */
export function jsonFiles(contents: Pick<ProjectContents, 'images' | 'annotations' | 'predictions' | 'audit' | 'labels' | 'keys'>): [string, Uint8Array][] {
  return [
    [PATHS.images, json(contents.images)],
    [PATHS.annotations, json(contents.annotations)],
    [PATHS.predictions, json(contents.predictions)],
    [PATHS.audit, json(contents.audit)],
    [PATHS.labels, json(contents.labels)],
    [PATHS.keys, json(contents.keys ?? [])],
  ];
}

export async function buildManifest(
  files: ReadonlyMap<string, Uint8Array>,
  meta: Pick<BundleManifest, 'projectName' | 'schemaVersion' | 'created' | 'includesImages'>,
): Promise<BundleManifest> {
  const listed: ManifestFile[] = [];
  for (const [path, bytes] of files) listed.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.length });
  return { format: BUNDLE_FORMAT, formatVersion: BUNDLE_VERSION, ...meta, files: listed };
}

/** A whole bundle in memory, from contents already in memory (tests, the bench's generated project). */
export async function writeBundle(contents: ProjectContents, meta: BundleMeta): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const writer = new BundleWriter((chunk) => chunks.push(chunk));
  for (const [path, bytes] of jsonFiles(contents)) await writer.add(path, bytes);
  for (const [sha, bytes] of contents.blobs) await writer.add(PATHS.blob(sha), bytes);
  for (const [sha, bytes] of contents.thumbnails) await writer.add(PATHS.thumbnail(sha), bytes);
  for (const [sha, bytes] of contents.previews) await writer.add(PATHS.preview(sha), bytes);
  await writer.finish({ auditHead: headOf(contents.audit), ...meta });
  const zip = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    zip.set(chunk, offset);
    offset += chunk.length;
  }
  return zip;
}
