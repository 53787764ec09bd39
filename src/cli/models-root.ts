import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ModelManifest, parseManifest } from '../domain/model-manifest';

/** public/models of this checkout, unless WORKBENCH_MODELS names another folder laid out the same way. */
export function modelsRoot(): string {
  const override = process.env.WORKBENCH_MODELS;
  return override ? resolve(override) : fileURLToPath(new URL('../../public/models/', import.meta.url));
}

/** Model ids listed in index.json, written by scripts/install-models.mjs. */
export async function readModelIndex(root: string): Promise<string[]> {
  const where = join(root, 'index.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing) throw new Error(`no models installed: ${where} is missing (run "npm run models")`, { cause: error });
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  }
  const models = (json as { models?: unknown }).models;
  if (!Array.isArray(models) || !models.every((m) => typeof m === 'string')) {
    throw new Error(`${where}: "models" must be a list of model folder names`);
  }
  return models;
}

export async function readModelManifest(root: string, id: string): Promise<ModelManifest> {
  const where = join(root, id, 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
  }
  return parseManifest(json, where);
}
