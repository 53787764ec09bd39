import 'fake-indexeddb/auto';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type BatchJob, modelInUse } from '../../src/domain/batch';
import { hashModelFiles } from '../../src/domain/model-import/identity';
import type { ModelManifest } from '../../src/domain/model-manifest';
import {
  addLibraryModel,
  getLibraryModel,
  libraryModelFiles,
  listLibraryModels,
  MODEL_LIBRARY_DB_NAME,
  readLibraryFile,
  removeLibraryModel,
  renameLibraryModel,
  StorageFullError,
} from '../../src/storage';
import { scratch, writeYoloSilhouette } from '../helpers/user-models';

const files = new Map(Object.entries(writeYoloSilhouette(join(scratch(), 'silhouette_web_model'))));

async function manifest(): Promise<ModelManifest> {
  return {
    schema: 1,
    id: 'draft',
    name: 'silhouette',
    version: 'draft',
    format: 'graph',
    task: 'detect',
    source: { package: 'ultralytics export', packageVersion: '8.3.0', upstream: 'tests', licence: 'CC0-1.0' },
    input: { name: 'images', width: 320, height: 320, channels: 3, layout: 'NHWC', dtype: 'float32' },
    preprocessing: { resize: 'letterbox', padValue: 114, scale: 1 / 255, offset: 0, colorOrder: 'RGB' },
    decoder: { name: 'yolov8', outputs: ['Identity'], scoreThreshold: 0.25, iouThreshold: 0.7, maxDetections: 300 },
    labels: ['silhouette', 'canvas'],
    files: await hashModelFiles(files, ['model.json', 'group1-shard1of1.bin', 'metadata.yaml']),
    weightsSha256: '',
  };
}

const add = async (name: string, change: (m: ModelManifest) => ModelManifest = (m) => m, extra = {}) =>
  addLibraryModel({ manifest: change(await manifest()), files, name, origin: 'folder silhouette_web_model', ...extra }, { reserved: ['coco-centernet'], now: () => '2026-03-01T10:00:00.000Z' });

beforeEach(async () => {
  for (const record of await listLibraryModels()) await removeLibraryModel(record.sha256);
});

describe('the model library', () => {
  it('stores a model whole, under its identity, as version 1 of a family named after it', async () => {
    const { record, added } = await add('Silhouette');
    expect(added).toBe(true);
    expect(record.manifest).toMatchObject({
      id: 'silhouette-v1',
      name: 'Silhouette',
      version: `1+${record.sha256.slice(0, 12)}`,
      weightsSha256: record.sha256,
      library: { sha256: record.sha256, family: 'silhouette', versionNumber: 1, addedAt: '2026-03-01T10:00:00.000Z', origin: 'folder silhouette_web_model' },
    });
    expect(new Uint8Array(await readLibraryFile(record.sha256, 'group1-shard1of1.bin'))).toEqual(new Uint8Array(files.get('group1-shard1of1.bin')!));
    expect([...(await libraryModelFiles(record.sha256)).keys()].sort()).toEqual(['group1-shard1of1.bin', 'metadata.yaml', 'model.json']);
  });

  it('finds the identical model there already; a changed one is the next version, the old one untouched', async () => {
    const first = await add('Silhouette');
    const again = await add('Silhouette');
    expect(again).toEqual({ record: first.record, added: false });
    const changed = await add('Silhouette', (m) => ({ ...m, preprocessing: { ...m.preprocessing, padValue: 0 } }));
    expect(changed.record.manifest).toMatchObject({ id: 'silhouette-v2', library: { family: 'silhouette', versionNumber: 2 } });
    expect(changed.record.sha256).not.toBe(first.record.sha256);
    expect((await listLibraryModels()).map((r) => r.manifest.id)).toEqual(['silhouette-v1', 'silhouette-v2']);
  });

  it('keeps a training record given with a model (in-browser training adds its heads this way)', async () => {
    const training = { images: 120, epochs: 20, accuracy: 0.93, classes: ['silhouette', 'canvas'] };
    const { record } = await add('Trained head', (m) => m, { training });
    expect((await getLibraryModel(record.sha256))?.training).toEqual(training);
  });

  it('does not take a bundled model id', async () => {
    const { record } = await add('coco-centernet');
    expect(record.manifest.id).toBe('coco-centernet-2-v1');
  });

  it('refuses a model larger than the storage left before writing anything', async () => {
    const bytes = [...files.values()].reduce((n, b) => n + b.byteLength, 0);
    const tooSmall = { estimate: async () => ({ usage: 1000, quota: 1000 + bytes - 1 }) };
    await expect(addLibraryModel({ manifest: await manifest(), files, name: 'Big', origin: 'x' }, tooSmall)).rejects.toThrow(StorageFullError);
    await expect(addLibraryModel({ manifest: await manifest(), files, name: 'Big', origin: 'x' }, tooSmall)).rejects.toThrow(
      /^Big needs 0\.\d MB, but the browser has 0\.\d MB left for this site: nothing was stored/,
    );
    expect(await listLibraryModels()).toEqual([]);
  });

  it('a next version refused for want of space leaves the version before it whole (a trained model saved when the disk is full)', async () => {
    const { record: first } = await add('Labeller');
    const bytes = [...files.values()].reduce((n, b) => n + b.byteLength, 0);
    const full = { estimate: async () => ({ usage: 5000, quota: 5000 + bytes - 1 }) };
    const next = { ...(await manifest()), labels: ['patrol car', 'civil car'] };
    await expect(addLibraryModel({ manifest: next, files, name: 'Labeller', origin: 'trained here', training: { kind: 'workbench-training' } }, full)).rejects.toThrow(
      /^Labeller needs 0\.\d MB, but the browser has 0\.\d MB left for this site: nothing was stored/,
    );
    expect((await listLibraryModels()).map((r) => r.manifest.id)).toEqual([first.manifest.id]);
    expect(Buffer.from(await readLibraryFile(first.sha256, 'model.json')).equals(Buffer.from(files.get('model.json')!))).toBe(true);
  });

  it('refuses a model whose files lack one its manifest lists, storing nothing', async () => {
    const { 'metadata.yaml': _gone, ...rest } = Object.fromEntries(files);
    await expect(addLibraryModel({ manifest: await manifest(), files: new Map(Object.entries(rest)), name: 'x', origin: 'x' })).rejects.toThrow('the model\'s files lack metadata.yaml');
    expect(await listLibraryModels()).toEqual([]);
  });

  it('renames without touching id, version or identity, and removes a model with its files', async () => {
    const { record } = await add('Silhouette');
    const renamed = await renameLibraryModel(record.sha256, 'Horse outlines');
    expect(renamed.manifest).toMatchObject({ name: 'Horse outlines', id: record.manifest.id, version: record.manifest.version });
    await removeLibraryModel(record.sha256);
    expect(await listLibraryModels()).toEqual([]);
    expect((await libraryModelFiles(record.sha256)).size).toBe(0);
    await expect(readLibraryFile(record.sha256, 'model.json')).rejects.toThrow(/is not in the library/);
  });

  it('lives in a database of its own, beside the projects', async () => {
    await add('Silhouette');
    expect((await indexedDB.databases()).map((d) => d.name)).toContain(MODEL_LIBRARY_DB_NAME);
  });
});

describe('removing a model', () => {
  const job = (status: BatchJob['status'], modelId = 'silhouette-v1'): BatchJob => ({
    id: `job-${status}`,
    modelId,
    runKey: 'r',
    paramsHash: 'p',
    params: {},
    imageSha256s: ['a', 'b', 'c'],
    done: 1,
    failures: {},
    status,
    createdAt: '2026-03-01',
    updatedAt: '2026-03-01',
  });
  const model = { id: 'silhouette-v1', name: 'Horse outlines' };

  it('is refused while a running or paused batch run uses it, saying which and how far it got', () => {
    expect(modelInUse([job('paused')], model)).toBe('Horse outlines is in use by a paused batch run (1 of 3 images): cancel it or let it finish, then remove the model.');
    expect(modelInUse([job('running')], model)).toContain('a running batch run');
  });

  it('is allowed when the runs of it are over, or of another model', () => {
    expect(modelInUse([job('finished'), job('cancelled'), job('paused', 'coco-centernet')], model)).toBeUndefined();
  });
});
