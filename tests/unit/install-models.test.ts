import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';

interface ModelConfig {
  id: string;
  files: { from: string; to: string; sha256: string; unpack?: string }[];
}

const ID = 'content-mobilenetv2';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A throw-away checkout: the real script and node_modules, a config holding only the models given. */
async function sandbox(edit: (model: ModelConfig) => void): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'workbench-install-'));
  await mkdir(join(root, 'scripts'));
  await mkdir(join(root, 'public/models', ID), { recursive: true });
  await writeFile(join(root, 'public/models', ID, 'stale.bin'), 'left from an earlier install');
  await copyFile(join(repoRoot, 'package.json'), join(root, 'package.json'));
  await copyFile(join(repoRoot, 'scripts/install-models.mjs'), join(root, 'scripts/install-models.mjs'));
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  const config = JSON.parse(await readFile(join(repoRoot, 'scripts/models.config.json'), 'utf8')) as { models: ModelConfig[] };
  const model = config.models.find((m) => m.id === ID)!;
  edit(model);
  await writeFile(join(root, 'scripts/models.config.json'), JSON.stringify({ models: [model] }));
  return root;
}

async function install(root: string): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(process.execPath, [join(root, 'scripts/install-models.mjs')], { cwd: root });
    return { code: 0, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('install-models.mjs with a model shipped as JS modules (nsfwjs)', () => {
  let root: string | undefined;
  afterEach(() => root && rm(root, { recursive: true, force: true }));

  it('unpacks model.json and weights.bin, pointing the weights manifest at weights.bin', async () => {
    root = await sandbox(() => {});
    expect(await install(root)).toEqual({ code: 0, stderr: '' });
    const dir = join(root, 'public/models', ID);
    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest.map((g: { paths: string[] }) => g.paths)).toEqual([['weights.bin']]);
    expect(modelJson.modelTopology.model_config.config.layers[0].config.batch_input_shape).toEqual([null, 224, 224, 3]);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ task: 'classify', format: 'layers', labels: ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] });
    for (const file of manifest.files as { path: string; sha256: string; bytes: number }[]) {
      const bytes = await readFile(join(dir, file.path));
      expect(sha256(bytes), file.path).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    expect(manifest.files.find((f: { path: string }) => f.path === 'weights.bin').bytes).toBe(2_619_461);
    expect(await exists(join(dir, 'stale.bin'))).toBe(false);
    // The same package gives the same files, byte for byte, as the installed copy.
    const installed = JSON.parse(await readFile(join(repoRoot, 'public/models', ID, 'manifest.json'), 'utf8'));
    expect(manifest.weightsSha256).toBe(installed.weightsSha256);
  });

  it('refuses a source module whose hash differs from the pin, and leaves nothing of the model', async () => {
    root = await sandbox((model) => (model.files[1]!.sha256 = '0'.repeat(64)));
    const { code, stderr } = await install(root);
    expect(code).toBe(1);
    expect(stderr).toContain(`${ID}: nsfwjs/dist/models/mobilenet_v2/group1-shard1of1.min.js has SHA-256`);
    expect(stderr).toContain('Refusing to install a model file that differs from the pinned one');
    expect(await exists(join(root, 'public/models', ID))).toBe(false);
  });

  it('refuses a weight shard that no configured file provides', async () => {
    root = await sandbox((model) => void model.files.splice(1, 1));
    const { code, stderr } = await install(root);
    expect(code).toBe(1);
    expect(stderr).toContain(`${ID}: weight shard "group1-shard1of1" is not among the configured files`);
    expect(await exists(join(root, 'public/models', ID))).toBe(false);
  });
});
