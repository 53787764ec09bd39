import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import { iou } from '../../src/domain/geometry';
import { zipModel } from '../../src/domain/model-import/export';
import { collectModelFiles } from '../../src/domain/model-import/files';
import { modelIdentity } from '../../src/domain/model-import/identity';
import { libraryManifest } from '../../src/domain/model-import/library';
import type { ModelManifest } from '../../src/domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../../src/domain/prediction';
import { identified, inspectModelFiles, memoryReader } from '../../src/ml/model-inspect';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';
import {
  HORSE_EXPECTED,
  pickFolder,
  scratch,
  TM_CLASSES,
  TM_LABELS,
  writeEinsumClassifier,
  writeFeatureMapModel,
  writeSsdLike,
  writeTeachableClassifier,
  writeYoloSilhouette,
} from '../helpers/user-models';

const engine = createNodeEngine(modelsDir);
const root = scratch();

/** Inspect a folder as the app and the CLI do, take the proposal as it is, and load it. */
async function addFolder(dir: string, id: string): Promise<ModelManifest> {
  const { files, suggestedName } = await collectModelFiles(pickFolder(dir));
  const { proposal, files: modelFiles } = await inspectModelFiles(engine, files, suggestedName);
  expect(proposal.problems).toEqual([]);
  const manifest = await identified(proposal.manifest, id, (sha) => `1+${sha.slice(0, 12)}`);
  await engine.loadWith(manifest, memoryReader(modelFiles));
  return manifest;
}

describe('a YOLOv8-layout export (the silhouette test detector)', () => {
  let manifest: ModelManifest;
  beforeAll(async () => {
    writeYoloSilhouette(join(root, 'silhouette_web_model'));
    manifest = await addFolder(join(root, 'silhouette_web_model'), 'silhouette-v1');
  });

  it('is proposed as ultralytics does it: letterbox 114, 0–1, YOLOv8 decoder, names from metadata.yaml', () => {
    expect(manifest).toMatchObject({
      task: 'detect',
      name: 'silhouette',
      input: { name: 'images', width: 320, height: 320, layout: 'NHWC', dtype: 'float32' },
      preprocessing: { resize: 'letterbox', padValue: 114, offset: 0 },
      decoder: { name: 'yolov8', outputs: ['Identity'], iouThreshold: 0.7 },
      labels: ['silhouette', 'canvas'],
    });
    expect(manifest.preprocessing.scale).toBeCloseTo(1 / 255, 10);
    expect(manifest.files.map((f) => f.path)).toEqual(['model.json', 'group1-shard1of1.bin', 'metadata.yaml']);
  });

  it('finds the horse and the whole image on horse.png, duplicates suppressed', async () => {
    const { detections, backend } = await engine.detect(manifest.id, decodeImage(readFixture('horse.png')).pixels, defaultParams(manifest));
    expect(backend).toBe('wasm');
    expect(detections.map((d) => d.label).sort()).toEqual(['canvas', 'silhouette']);
    for (const d of detections) {
      expect(iou(d.box, HORSE_EXPECTED[d.label as keyof typeof HORSE_EXPECTED])).toBeGreaterThan(0.97);
      expect(d.score).toBeCloseTo(0.9, 2);
    }
  });

  it('keeps no tensors after a detection', async () => {
    const pixels = decodeImage(readFixture('horse.png')).pixels;
    await engine.detect(manifest.id, pixels, defaultParams(manifest));
    const before = engine.memory().numTensors;
    await engine.detect(manifest.id, pixels, defaultParams(manifest));
    expect(engine.memory().numTensors).toBe(before);
  });
});

describe('a Teachable Machine export trained here on the fixtures', () => {
  let manifest: ModelManifest;
  beforeAll(async () => {
    await writeTeachableClassifier(join(root, 'tm_model'));
    manifest = await addFolder(join(root, 'tm_model'), 'evidence-photos-v1');
  });

  it('is recognised by its metadata.json: 224², the centred square, v / 127 − 1, labels, softmax already applied', () => {
    expect(manifest).toMatchObject({
      task: 'classify',
      format: 'layers',
      name: 'evidence-photos',
      input: { width: 224, height: 224 },
      preprocessing: { resize: 'crop', offset: -1 },
      decoder: { name: 'classifier', activation: 'none' },
      labels: TM_LABELS,
    });
    expect(manifest.preprocessing.scale).toBeCloseTo(1 / 127, 10);
  });

  it('frees every weight when released (a model of nested models, as Teachable Machine exports)', async () => {
    const before = engine.memory().numTensors;
    const copy = await addFolder(join(root, 'tm_model'), 'evidence-photos-copy');
    expect(engine.memory().numTensors).toBe(before + 2); // the head's kernel and bias; the pooling base has none
    await engine.release(copy.id);
    expect(engine.memory().numTensors).toBe(before);
  });

  it.each(Object.entries(TM_CLASSES))('tags %s on %s', async (label, file) => {
    const { tags } = await engine.classify(manifest.id, decodeImage(readFixture(file)).pixels, defaultClassifyParams(manifest as never));
    expect(tags[0]!.label).toBe(label);
    expect(tags[0]!.score).toBeGreaterThan(0.6);
  });
});

describe('models the backends or the decoders cannot take as they are', () => {
  it('runs on CPU a model with an op WASM lacks, and says which op', async () => {
    writeEinsumClassifier(join(root, 'einsum'));
    const manifest = await addFolder(join(root, 'einsum'), 'einsum-v1');
    const report = await engine.prepare(manifest.id);
    expect(report.backend).toBe('cpu');
    expect(report.skipped).toEqual([{ name: 'wasm', reason: 'the wasm backend lacks the op Einsum' }]);
    const { tags } = await engine.classify(manifest.id, decodeImage(readFixture('horse.png')).pixels, { topK: 2, minScore: 0 });
    expect(tags.map((t) => t.label).sort()).toEqual(['bright', 'dark']);
  });

  it('refuses a forced WASM for that model, naming the op', async () => {
    await expect(engine.prepare('einsum-v1', 'wasm')).rejects.toThrow('wasm cannot run einsum: the wasm backend lacks the op Einsum; choose another backend or Auto');
  });

  it('shows the shapes when no decoder reads the outputs', async () => {
    writeFeatureMapModel(join(root, 'feature-map'));
    const { files } = await collectModelFiles(pickFolder(join(root, 'feature-map')));
    const { proposal } = await inspectModelFiles(engine, files, 'feature-map');
    expect(proposal.problems).toEqual([expect.stringContaining("no decoder fits the model's outputs: Identity [1, 8, 8, 3]")]);
  });

  it('reads TF Object Detection API outputs by their signature names, labels 1-based, on a uint8 input', async () => {
    writeSsdLike(join(root, 'ssd'));
    const manifest = await addFolder(join(root, 'ssd'), 'ssd-v1');
    expect(manifest).toMatchObject({
      input: { name: 'input_tensor', dtype: 'int32', width: 640, height: 640 },
      preprocessing: { scale: 1, offset: 0, resize: 'stretch' },
      decoder: { name: 'tf-od-ssd', outputs: ['Identity_1', 'Identity_4', 'Identity_2', 'Identity_5'], classIdOffset: 1 },
      labels: ['person', 'car'],
    });
    const { detections } = await engine.detect(manifest.id, decodeImage(readFixture('astronaut.png')).pixels, defaultParams(manifest));
    expect(detections).toHaveLength(1);
    // Boxes (y1, x1, y2, x2) are fractions of the input, so of the image: 0.1–0.5 down, 0.2–0.6 across 512 px.
    expect(detections[0]).toMatchObject({ label: 'car' });
    expect(iou(detections[0]!.box, { x: 102.4, y: 51.2, w: 204.8, h: 204.8 })).toBeGreaterThan(0.999);
  });
});

describe('a model exported from the library as a zip and added again', () => {
  async function exported() {
    const dir = join(scratch(), 'silhouette_web_model');
    writeYoloSilhouette(dir);
    const { files, suggestedName } = await collectModelFiles(pickFolder(dir));
    const { proposal, files: modelFiles } = await inspectModelFiles(engine, files, suggestedName);
    const sha256 = await modelIdentity(proposal.manifest);
    const stored = libraryManifest(proposal.manifest, sha256, { family: 'silhouette', versionNumber: 3 }, 'Silhouette', '2026-03-01T10:00:00.000Z', 'folder silhouette_web_model');
    return { stored, sha256, modelFiles };
  }

  it('is pinned by its manifest.json: the same settings, version and identity', async () => {
    const { stored, sha256, modelFiles } = await exported();
    const back = await collectModelFiles([{ path: 'silhouette-v3.zip', bytes: zipModel(stored, modelFiles, { epochs: 3 }) }]);
    expect([...back.files.keys()].sort()).toEqual(['group1-shard1of1.bin', 'manifest.json', 'metadata.yaml', 'model.json', 'training.json']);
    const { proposal } = await inspectModelFiles(engine, back.files, back.suggestedName);
    expect(proposal.recognisedAs).toBe('pinned by manifest.json (Silhouette, version 3)');
    expect(proposal.problems).toEqual([]);
    expect(proposal.manifest).toEqual(stored);
    expect(await modelIdentity(proposal.manifest)).toBe(sha256);
  });

  it('refuses weights that do not match its manifest.json, naming the file', async () => {
    const { stored, modelFiles } = await exported();
    const shard = Uint8Array.from(modelFiles.get('group1-shard1of1.bin')!);
    shard[100]! ^= 1;
    const tampered = new Map([...modelFiles, ['group1-shard1of1.bin', shard]]);
    const back = await collectModelFiles([{ path: 'silhouette-v3.zip', bytes: zipModel(stored, tampered) }]);
    await expect(inspectModelFiles(engine, back.files, back.suggestedName)).rejects.toThrow(
      /^group1-shard1of1\.bin does not match manifest\.json \(SHA-256 [0-9a-f]{12}…, manifest\.json says [0-9a-f]{12}…\): the weights are not the ones it was made for$/,
    );
  });
});
