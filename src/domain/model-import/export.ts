import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ModelManifest } from '../model-manifest';

/**
 * A library model as one zip a team can share: in a folder named after its id, manifest.json (every choice, the
 * files' SHA-256, its identity and version), the model's files as they were added, and training.json for a model
 * trained in the workbench. Adding the zip elsewhere gives the identical model.
 */
export function zipModel(manifest: ModelManifest, files: ReadonlyMap<string, Uint8Array>, training?: unknown): Uint8Array {
  const folder = manifest.id;
  const entries: Zippable = { [`${folder}/manifest.json`]: [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { level: 6 }] };
  for (const { path } of manifest.files) {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`${path} of ${manifest.name} is missing from the library`);
    entries[`${folder}/${path}`] = [bytes, { level: path.endsWith('.bin') ? 0 : 6 }];
  }
  if (training !== undefined) entries[`${folder}/training.json`] = [strToU8(`${JSON.stringify(training, null, 2)}\n`), { level: 6 }];
  return zipSync(entries);
}
