import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../src/domain/model-manifest';
import { ModelFileError, readManifest, readModelArtifacts, type ReadModelFile } from '../../src/ml/model-files';
import { modelsDir } from '../helpers/fixtures';

const fromDisk: ReadModelFile = async (path) => {
  const bytes = await readFile(join(modelsDir, path));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

/** Reads like fromDisk, but flips one bit in the middle of files whose name ends with `suffix`. */
const tampering =
  (suffix: string): ReadModelFile =>
  async (path) => {
    const buffer = await fromDisk(path);
    if (path.endsWith(suffix)) new Uint8Array(buffer)[buffer.byteLength >> 1]! ^= 0x01;
    return buffer;
  };

describe('readModelArtifacts', () => {
  it('reads and verifies the installed CenterNet', async () => {
    const manifest = await readManifest(fromDisk, 'coco-centernet');
    const artifacts = await readModelArtifacts(fromDisk, 'coco-centernet', manifest);
    const bin = manifest.files.find((f) => f.path === 'centernet.bin')!;
    expect((artifacts.weightData as ArrayBuffer).byteLength).toBe(bin.bytes);
    expect(artifacts.modelTopology).toBeTypeOf('object');
    expect(artifacts.weightSpecs!.length).toBeGreaterThan(10);
  });

  it('refuses weights with one flipped bit, naming the file', async () => {
    const read = tampering('centernet.bin');
    const manifest = await readManifest(read, 'coco-centernet');
    const loading = readModelArtifacts(read, 'coco-centernet', manifest);
    await expect(loading).rejects.toBeInstanceOf(ModelFileError);
    await expect(loading).rejects.toThrow(/^coco-centernet: centernet\.bin does not match its manifest/);
  });

  it('refuses a changed model.json', async () => {
    const read = tampering('model.json');
    const manifest = await readManifest(fromDisk, 'face-blazeface');
    await expect(readModelArtifacts(read, 'face-blazeface', manifest)).rejects.toThrow(/face-blazeface: model\.json does not match/);
  });

  it('says which file could not be read', async () => {
    const manifest = await readManifest(fromDisk, 'coco-centernet');
    const missing: ReadModelFile = (path) => (path.endsWith('.bin') ? Promise.reject(new Error('ENOENT')) : fromDisk(path));
    await expect(readModelArtifacts(missing, 'coco-centernet', manifest)).rejects.toThrow(
      'coco-centernet: centernet.bin could not be read (ENOENT)',
    );
  });
});

describe('readManifest', () => {
  it('reports unreadable JSON with its path', async () => {
    const garbage: ReadModelFile = async () => new TextEncoder().encode('{ nope').buffer as ArrayBuffer;
    await expect(readManifest(garbage, 'x')).rejects.toThrow(/^x\/manifest\.json: cannot be read as JSON/);
  });

  it('passes field errors through from parseManifest', async () => {
    const empty: ReadModelFile = async () => new TextEncoder().encode('{}').buffer as ArrayBuffer;
    await expect(readManifest(empty, 'x')).rejects.toBeInstanceOf(ManifestError);
  });
});
