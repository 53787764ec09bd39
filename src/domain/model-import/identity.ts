import { sha256Hex, stableStringify } from '../hash';
import type { ModelManifest } from '../model-manifest';
import type { ModelFiles } from './files';

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** SHA-256 of each file, in the order given. */
export async function hashModelFiles(files: ModelFiles, paths: readonly string[]): Promise<ManifestFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new Error(`${path} is not among the files`);
      return { path, sha256: await sha256Hex(bytes), bytes: bytes.byteLength };
    }),
  );
}

/** The hash over file hashes that scripts/install-models.mjs writes as a bundled model's weightsSha256. */
export function filesDigest(files: readonly Pick<ManifestFile, 'path' | 'sha256'>[]): Promise<string> {
  return sha256Hex(files.map((f) => `${f.path}:${f.sha256}`).join('\n'));
}

/** What decides a model's output besides its files: a change to any of these is another model version. */
export function decodingChoices(manifest: ModelManifest): unknown {
  const { task, format, input, preprocessing, decoder, labels } = manifest;
  return { task, format: format ?? 'graph', input, preprocessing, decoder, labels };
}

/**
 * A library model's identity: its files' hashes and its decoding choices, hashed together. The same files read
 * with another normalisation give other results, so they are another version with their own cached results.
 */
export async function modelIdentity(manifest: ModelManifest): Promise<string> {
  const lines = manifest.files.map((f) => `${f.path}:${f.sha256}`);
  lines.push(`manifest:${await sha256Hex(stableStringify(decodingChoices(manifest)))}`);
  return sha256Hex(lines.join('\n'));
}

/** A model id from a name: lower case, words joined by "-" ("Vehicles (top view)" → "vehicles-top-view"). */
export function slugify(name: string): string {
  const slug = name
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'model';
}
