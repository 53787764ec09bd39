#!/usr/bin/env node
// Copies the bundled models out of the npm packages that ship them into public/models/<id>/,
// verifies every file against its pinned SHA-256 and writes manifest.json. Fails loudly on a mismatch.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

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

/**
 * Some packages ship weights as JS modules (UMD) rather than files. Evaluates one, already hash-checked, in an
 * empty context (no require, no network, no globals) with a fake module/exports/define, and returns its export.
 */
function evaluateModule(bytes, filename) {
  const module = { exports: {} };
  let defined;
  const define = (...args) => {
    const factory = args.at(-1);
    defined = typeof factory === 'function' ? factory() : factory;
  };
  define.amd = true;
  vm.runInNewContext(bytes.toString('utf8'), { module, exports: module.exports, define }, { filename, timeout: 30_000 });
  return defined ?? module.exports;
}

/** Turns a verified source file into the bytes to install, as its config entry's `unpack` says. */
function unpack(file, bytes, model) {
  if (!file.unpack) return bytes;
  const value = evaluateModule(bytes, file.from);
  if (file.unpack === 'base64') {
    if (typeof value !== 'string') throw new Error(`${model.id}: ${file.from} does not export a base64 string`);
    return Buffer.from(value, 'base64');
  }
  if (file.unpack === 'model-json') {
    const { modelTopology, weightsManifest } = value ?? {};
    if (!modelTopology || !Array.isArray(weightsManifest)) {
      throw new Error(`${model.id}: ${file.from} does not export { modelTopology, weightsManifest }`);
    }
    // Shard names in the module ("group1-shard1of1") become the installed files of the modules that hold them.
    const installedAs = new Map(model.files.map((f) => [basename(f.from).replace(/(\.min)?\.js$/, ''), f.to]));
    const rename = (path) => {
      const to = installedAs.get(path);
      if (!to) throw new Error(`${model.id}: weight shard "${path}" is not among the configured files`);
      return to;
    };
    const groups = weightsManifest.map((g) => ({ ...g, paths: g.paths.map(rename) }));
    const format = model.format === 'layers' ? 'layers-model' : 'graph-model';
    return Buffer.from(JSON.stringify({ format, modelTopology, weightsManifest: groups }));
  }
  throw new Error(`${model.id}: unknown unpack "${file.unpack}" for ${file.from}`);
}

function install(model) {
  const from = packageDir(model.source.package, model.source.packageVersion);
  const target = join(root, 'public/models', model.id);
  rmSync(target, { recursive: true, force: true });
  // Every source file is checked before any is evaluated or written: a mismatch leaves nothing of this model.
  const sources = model.files.map((file) => {
    const bytes = readFileSync(join(from, file.from));
    const actual = sha256(bytes);
    if (actual !== file.sha256) {
      throw new Error(
        `${model.id}: ${model.source.package}/${file.from} has SHA-256 ${actual}, expected ${file.sha256}. ` +
          'Refusing to install a model file that differs from the pinned one.',
      );
    }
    return { file, bytes };
  });
  const outputs = sources.map(({ file, bytes }) => ({ path: file.to, bytes: unpack(file, bytes, model) }));
  mkdirSync(target, { recursive: true });
  const files = outputs.map(({ path, bytes }) => {
    writeFileSync(join(target, path), bytes);
    return { path, sha256: sha256(bytes), bytes: bytes.length };
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
