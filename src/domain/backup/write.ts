import { zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../hash';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest, type ManifestFile, PATHS, type ProjectContents } from './bundle';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The bundle's files (everything but the manifest), path → bytes. */
export function bundleFiles(contents: ProjectContents): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>([
    [PATHS.images, json(contents.images)],
    [PATHS.annotations, json(contents.annotations)],
    [PATHS.predictions, json(contents.predictions)],
    [PATHS.audit, json(contents.audit)],
    [PATHS.labels, json(contents.labels)],
  ]);
  for (const [sha, bytes] of contents.blobs) files.set(PATHS.blob(sha), bytes);
  for (const [sha, bytes] of contents.thumbnails) files.set(PATHS.thumbnail(sha), bytes);
  for (const [sha, bytes] of contents.previews) files.set(PATHS.preview(sha), bytes);
  return files;
}

export async function buildManifest(
  files: ReadonlyMap<string, Uint8Array>,
  meta: Pick<BundleManifest, 'projectName' | 'schemaVersion' | 'created' | 'includesImages'>,
): Promise<BundleManifest> {
  const listed: ManifestFile[] = [];
  for (const [path, bytes] of files) listed.push({ path, sha256: await sha256Hex(bytes), bytes: bytes.length });
  return { format: BUNDLE_FORMAT, formatVersion: BUNDLE_VERSION, ...meta, files: listed };
}

/** The zip: JSON compressed, image bytes stored as they are (already compressed formats). */
export async function writeBundle(contents: ProjectContents, meta: Pick<BundleManifest, 'projectName' | 'schemaVersion' | 'created'>): Promise<Uint8Array> {
  const files = bundleFiles(contents);
  const manifest = await buildManifest(files, { ...meta, includesImages: contents.blobs.size > 0 });
  const zippable: Zippable = { [PATHS.manifest]: [json(manifest), { level: 6 }] };
  for (const [path, bytes] of files) zippable[path] = [bytes, { level: path.endsWith('.json') ? 6 : 0 }];
  return zipSync(zippable);
}
