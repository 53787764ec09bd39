import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitDecoder, proposeDecoder } from '../../src/domain/model-import/decoder-fit';
import { filesDigest, modelIdentity, slugify } from '../../src/domain/model-import/identity';
import { versionSlot } from '../../src/domain/model-import/library';
import { readModelMetadata } from '../../src/domain/model-import/metadata';
import { parseModelJson } from '../../src/domain/model-import/model-json';
import { manifestProblems, proposeInput, proposeManifest } from '../../src/domain/model-import/propose';
import { parseManifest, type ModelManifest } from '../../src/domain/model-manifest';
import { modelsDir } from '../helpers/fixtures';

const bundled = (id: string) => ({
  model: parseModelJson(readFileSync(join(modelsDir, id, 'model.json'))),
  manifest: parseManifest(JSON.parse(readFileSync(join(modelsDir, id, 'manifest.json'), 'utf8')), id),
});

describe('proposals for the bundled models, from their model.json as a user would bring it', () => {
  it('CenterNet: 512² NHWC, the end-to-end decoder on tower_0/detections, and a request for labels', () => {
    const { model } = bundled('coco-centernet');
    const { input } = proposeInput(model, {});
    expect(input).toEqual({ name: 'tower_0/images', width: 512, height: 512, channels: 3, layout: 'NHWC', dtype: 'float32' });
    const outputs = model.outputs.map((o) => ({ name: o.name, shape: o.shape as number[] }));
    const proposal = proposeManifest({ model, metadata: {}, files: [], input, outputs, name: 'centernet' });
    expect(proposal.manifest.decoder).toMatchObject({ name: 'end-to-end', outputs: ['tower_0/detections'] });
    expect(proposal.problems).toEqual([expect.stringContaining('no labels came with the model; add a labels.txt')]);

    const withLabels = readModelMetadata(new Map([['labels.txt', new TextEncoder().encode(bundled('coco-centernet').manifest.labels.join('\n'))]]));
    const labelled = proposeManifest({ model, metadata: withLabels, files: [], input, outputs, name: 'centernet' });
    expect(labelled.problems).toEqual([]);
    expect(labelled.manifest.labels).toHaveLength(80);
  });

  it('MobileNetV2 (a Keras layers model ending in softmax): a classifier on dense_3 whose scores are used as they are', () => {
    const { model } = bundled('content-mobilenetv2');
    const { input } = proposeInput(model, {});
    expect(input).toMatchObject({ name: 'input_1', width: 224, height: 224, layout: 'NHWC' });
    const proposal = proposeManifest({ model, metadata: {}, files: [], input, outputs: [{ name: 'dense_3', shape: [1, 5], probabilities: true }], name: 'nsfw' });
    expect(proposal.manifest).toMatchObject({ task: 'classify', decoder: { name: 'classifier', outputs: ['dense_3'], activation: 'none' }, labels: ['class 0', 'class 1', 'class 2', 'class 3', 'class 4'] });
    expect(proposal.problems).toEqual([]);
  });

  it('BlazeFace: four outputs no user decoder reads, shown with their shapes', () => {
    const { model } = bundled('face-blazeface');
    const outputs = [
      { name: 'Identity', shape: [1, 512, 1] },
      { name: 'Identity_1', shape: [1, 384, 1] },
      { name: 'Identity_2', shape: [1, 512, 16] },
      { name: 'Identity_3', shape: [1, 384, 16] },
    ];
    const proposal = proposeManifest({ model, metadata: {}, files: [], input: proposeInput(model, {}).input, outputs, name: 'blazeface' });
    expect(proposal.problems[0]).toMatch(/^no decoder fits the model's outputs: Identity \[1, 512, 1\], Identity_1 \[1, 384, 1\], Identity_2 \[1, 512, 16\], Identity_3 \[1, 384, 16\]/);
  });
});

describe('decoder fitting', () => {
  it('tells YOLOv8 (channels first), YOLOv5 (with objectness) and end-to-end rows apart by shape', () => {
    expect(proposeDecoder([{ name: 'out', shape: [1, 84, 8400] }], {})).toMatchObject({ decoder: 'yolov8', classes: 80 });
    expect(proposeDecoder([{ name: 'out', shape: [1, 25200, 85] }], { labels: 80 })).toMatchObject({ decoder: 'yolov5', classes: 80 });
    expect(proposeDecoder([{ name: 'out', shape: [1, 8400, 84] }], { labels: 80 })).toMatchObject({ decoder: 'yolov8' });
    expect(proposeDecoder([{ name: 'out', shape: [1, 300, 6] }], {})).toMatchObject({ decoder: 'end-to-end' });
    expect(proposeDecoder([{ name: 'logits', shape: [1, 10] }], {})).toMatchObject({ decoder: 'classifier', classes: 10 });
  });

  it('refuses labels whose count does not match the output, with both numbers', () => {
    expect(fitDecoder('yolov8', [{ name: 'out', shape: [1, 84, 8400] }], 3)).toBe('the output [1, 84, 8400] has 80 classes (4 + 80 rows) for 3 labels');
    expect(fitDecoder('classifier', [{ name: 'out', shape: [1, 5] }], 4)).toBe('the output [1, 5] has 5 scores for 4 labels');
  });

  it('lists the problems of an edited manifest', () => {
    const manifest = { task: 'detect', labels: ['a', 'b', 'c'], input: { width: 320, height: 320 }, decoder: { name: 'yolov8', outputs: ['Identity'] } } as ModelManifest;
    expect(manifestProblems(manifest, [{ name: 'Identity', shape: [1, 6, 104] }])).toEqual(['labels: 3 given, but the output [1, 6, 104] has 2 classes (4 + 2 rows) for 3 labels']);
    expect(manifestProblems({ ...manifest, task: 'classify' } as ModelManifest, [{ name: 'Identity', shape: [1, 7, 104] }])).toEqual([
      'task classify does not go with the YOLOv8 / YOLO11 (ultralytics) decoder',
    ]);
  });
});

describe('identity and versions', () => {
  it("computes a bundled model's weightsSha256 the way install-models.mjs does", async () => {
    const { manifest } = bundled('coco-centernet');
    expect(await filesDigest(manifest.files)).toBe(manifest.weightsSha256);
  });

  it('is another identity when a decoding choice changes, the same when only the name does', async () => {
    const { manifest } = bundled('coco-centernet');
    const base = await modelIdentity(manifest);
    expect(await modelIdentity({ ...manifest, name: 'renamed', id: 'x' })).toBe(base);
    expect(await modelIdentity({ ...manifest, preprocessing: { ...manifest.preprocessing, scale: 1 / 255 } })).not.toBe(base);
    expect(await modelIdentity({ ...manifest, labels: manifest.labels.map((l) => l.toUpperCase()) })).not.toBe(base);
  });

  it('slugs names into ids', () => {
    expect(slugify('Fahrzeuge (Draufsicht) – Straße')).toBe('fahrzeuge-draufsicht-strasse');
    expect(slugify('  ')).toBe('model');
  });

  it('puts a model in its family by name, counts versions up, keeps a pinned slot where free, and avoids bundled ids', () => {
    const lib = (family: string, n: number, name: string) => ({ id: `${family}-v${n}`, name, library: { sha256: '', family, versionNumber: n, addedAt: '', origin: '' } });
    const existing = [lib('vehicles', 1, 'Vehicles'), lib('vehicles', 2, 'Vehicles')];
    expect(versionSlot(existing, 'vehicles', {})).toEqual({ family: 'vehicles', versionNumber: 3 });
    expect(versionSlot(existing, 'Boats', {})).toEqual({ family: 'boats', versionNumber: 1 });
    expect(versionSlot(existing, 'Cars', { family: 'vehicles' })).toEqual({ family: 'vehicles', versionNumber: 3 });
    const renamed = [lib('vehicles', 1, 'Cars from above')];
    expect(versionSlot(renamed, 'Vehicles', {})).toEqual({ family: 'vehicles', versionNumber: 2 }); // the id it would get
    expect(versionSlot([], 'Shared', { pinned: { sha256: '', family: 'shared', versionNumber: 4, addedAt: '', origin: '' } })).toEqual({ family: 'shared', versionNumber: 4 });
    expect(versionSlot([], 'coco-centernet', { reserved: ['coco-centernet'] })).toEqual({ family: 'coco-centernet-2', versionNumber: 1 });
  });
});
