// `--model` names a bundled model (an id from public/models) or a model someone brought: a folder, its model.json,
// or a zip. The latter go through the same checks and proposal as Add model… in the app; --manifest pins one.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ModelImportError } from '../domain/model-import/errors';
import { collectModelFiles, type CollectedModel, type PickedFile } from '../domain/model-import/files';
import { slugify } from '../domain/model-import/identity';
import type { Proposal } from '../domain/model-import/propose';
import type { ModelManifest } from '../domain/model-manifest';
import type { Engine } from '../ml/engine';
import { identified, inspectModelFiles, memoryReader } from '../ml/model-inspect';
import { readModelIndex } from './models-root';
import { UsageError } from './usage';

/** True when `spec` is meant as a path rather than a bundled model's id. */
export function isModelPath(spec: string, bundled: readonly string[]): boolean {
  return !bundled.includes(spec) && (/[/\\]/.test(spec) || /\.(json|zip)$/i.test(spec) || spec === '.' || spec === '..');
}

/** The files of the model at `path` (a folder, a model.json inside one, or a zip), as if picked in the app. */
export async function readModelPath(path: string, manifestPath?: string): Promise<CollectedModel> {
  const full = resolve(path);
  let info;
  try {
    info = await stat(full);
  } catch {
    throw new UsageError(`--model ${path}: no such folder or file`);
  }
  let picked: PickedFile[];
  if (info.isFile() && extname(full).toLowerCase() === '.zip') {
    picked = [{ path: basename(full), bytes: new Uint8Array(await readFile(full)) }];
  } else {
    const folder = info.isDirectory() ? full : dirname(full);
    if (info.isFile() && basename(full) !== 'model.json') throw new UsageError(`--model ${path}: give the model's folder, its model.json or a .zip`);
    const names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
    picked = await Promise.all(names.map(async (name) => ({ path: `${basename(folder)}/${name}`, bytes: new Uint8Array(await readFile(join(folder, name))) })));
  }
  const collected = await collectModelFiles(picked);
  if (!manifestPath) return collected;
  let pinned: Uint8Array;
  try {
    pinned = new Uint8Array(await readFile(manifestPath));
  } catch (error) {
    throw new UsageError(`--manifest ${manifestPath}: ${(error as Error).message}`, { cause: error });
  }
  return { ...collected, files: new Map([...collected.files, ['manifest.json', pinned]]) };
}

export interface UserModel {
  manifest: ModelManifest;
  proposal: Proposal;
}

/**
 * Reads, checks and proposes as the app does, refuses a proposal with problems (naming them), and loads the model.
 * A pinned manifest is used as it is; otherwise the id is the folder's name and the version the identity's start.
 */
export async function loadUserModel(engine: Engine, path: string, manifestPath?: string): Promise<UserModel> {
  let inspected: Awaited<ReturnType<typeof inspectModelFiles>>;
  let collected: CollectedModel;
  try {
    collected = await readModelPath(path, manifestPath);
    inspected = await inspectModelFiles(engine, collected.files, collected.suggestedName);
  } catch (error) {
    if (error instanceof ModelImportError) throw new ModelImportError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
  const { proposal, files } = inspected;
  if (proposal.problems.length > 0) {
    throw new Error(`${path}: ${proposal.problems.join('; ')}${manifestPath ? '' : '. Write the settings into a manifest.json and give it with --manifest (see "workbench models <folder> --json")'}`);
  }
  const manifest = collected.files.has('manifest.json') ? proposal.manifest : await identified(proposal.manifest, slugify(proposal.manifest.name), (sha) => sha.slice(0, 12));
  await engine.loadWith(manifest, memoryReader(files));
  return { manifest, proposal };
}

/** A bundled id, or the path of a model someone brought; an unknown id is a usage error naming the known ones. */
export async function checkModelSpec(root: string, spec: string): Promise<'bundled' | 'path'> {
  const known = await readModelIndex(root);
  if (known.includes(spec)) return 'bundled';
  if (isModelPath(spec, known)) return 'path';
  throw new UsageError(`unknown model "${spec}" (known: ${known.join(', ')}); or give a model's folder, its model.json or a .zip`);
}
