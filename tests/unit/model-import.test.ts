import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ModelImportError } from '../../src/domain/model-import/errors';
import { collectModelFiles } from '../../src/domain/model-import/files';
import { readModelMetadata } from '../../src/domain/model-import/metadata';
import { checkShards, parseModelJson } from '../../src/domain/model-import/model-json';
import { modelsDir } from '../helpers/fixtures';
import { scratch, writeYoloSilhouette } from '../helpers/user-models';

const yolo = () => writeYoloSilhouette(join(scratch(), 'silhouette_web_model'));
const asFiles = (files: Record<string, Uint8Array>) => new Map(Object.entries(files));

describe('collectModelFiles', () => {
  it('takes a picked folder as the model folder and proposes its name without "_web_model"', async () => {
    const files = yolo();
    const picked = Object.entries(files).map(([name, bytes]) => ({ path: `silhouette_web_model/${name}`, bytes }));
    const collected = await collectModelFiles([...picked, { path: 'silhouette_web_model/.DS_Store', bytes: new Uint8Array(1) }]);
    expect([...collected.files.keys()].sort()).toEqual(['group1-shard1of1.bin', 'metadata.yaml', 'model.json']);
    expect(collected).toMatchObject({ origin: 'folder silhouette_web_model', suggestedName: 'silhouette' });
  });

  it('reads a zip (with or without a top folder) through the hardened zip reader', async () => {
    const files = yolo();
    const zipped = zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`export/${name}`, bytes])));
    const collected = await collectModelFiles([{ path: 'vehicles.zip', bytes: zipped }]);
    expect([...collected.files.keys()].sort()).toEqual(['group1-shard1of1.bin', 'metadata.yaml', 'model.json']);
    expect(collected.origin).toBe('vehicles.zip');
  });

  it('refuses a zip with an entry pointing outside it, naming the entry, before using any of it', async () => {
    const files = yolo();
    const evil = zipSync({ 'model.json': files['model.json']!, '../group1-shard1of1.bin': files['group1-shard1of1.bin']! });
    await expect(collectModelFiles([{ path: 'model.zip', bytes: evil }])).rejects.toThrow(
      new ModelImportError('model.zip: ../group1-shard1of1.bin: a path outside the archive (absolute, or with "..")'),
    );
    const absolute = zipSync({ 'model.json': strToU8('{}'), '/etc/cron.d/x': strToU8('x') });
    await expect(collectModelFiles([{ path: 'abs.zip', bytes: absolute }])).rejects.toThrow('abs.zip: /etc/cron.d/x: a path outside the archive');
  });

  it('refuses a zip bomb among a model\'s files by name, before inflating it', async () => {
    const files = yolo();
    const bomb = zipSync({ 'model.json': files['model.json']!, 'group1-shard1of1.bin': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] });
    await expect(collectModelFiles([{ path: 'bomb.zip', bytes: bomb }])).rejects.toThrow(/^bomb\.zip: group1-shard1of1\.bin: would inflate .*\(a zip bomb\?\)$/);
  });

  it('says what is missing when there is no model.json, or more than one', async () => {
    await expect(collectModelFiles([{ path: 'weights.bin', bytes: new Uint8Array(4) }])).rejects.toThrow('no model.json among the 1 file given (weights.bin)');
    const json = strToU8('{}');
    await expect(collectModelFiles([{ path: 'a/model.json', bytes: json }, { path: 'b/model.json', bytes: json }])).rejects.toThrow('2 model.json files (a/model.json, b/model.json): add one model at a time');
  });
});

describe('checkShards', () => {
  it('passes a complete model', () => {
    const files = yolo();
    expect(() => checkShards(parseModelJson(files['model.json']!), asFiles(files))).not.toThrow();
  });

  it('names a shard model.json lists but the files lack', () => {
    const rest: Record<string, Uint8Array> = yolo();
    delete rest['group1-shard1of1.bin'];
    expect(() => checkShards(parseModelJson(rest['model.json']!), asFiles(rest))).toThrow(
      'model.json lists group1-shard1of1.bin, which is not among the files given (metadata.yaml, model.json)',
    );
  });

  it('names a shard of the wrong size, with both sizes', () => {
    const files = yolo();
    const need = files['group1-shard1of1.bin']!.byteLength;
    const cut: Record<string, Uint8Array> = { ...files, 'group1-shard1of1.bin': files['group1-shard1of1.bin']!.subarray(0, 1000) };
    expect(() => checkShards(parseModelJson(cut['model.json']!), asFiles(cut))).toThrow(
      `group1-shard1of1.bin is 1,000 bytes, but model.json's weights need ${need.toLocaleString('en-US')}: the shard is truncated or not this model's`,
    );
  });

  it('counts quantised weights at their stored size (the bundled CenterNet keeps float16 weights)', () => {
    const json = readFileSync(join(modelsDir, 'coco-centernet/model.json'));
    const bin = readFileSync(join(modelsDir, 'coco-centernet/centernet.bin'));
    const model = parseModelJson(json);
    expect(() => checkShards(model, new Map([['centernet.bin', bin]]))).not.toThrow();
    expect(() => checkShards(model, new Map([['centernet.bin', bin.subarray(4)]]))).toThrow(/centernet\.bin is 4,030,286 bytes, but model\.json's weights need 4,030,290/);
  });
});

describe('parseModelJson', () => {
  it('refuses what is not a TF.js model, naming the field', () => {
    expect(() => parseModelJson(strToU8('{"weightsManifest": []}'))).toThrow('model.json: field "modelTopology" is missing; this is not a TF.js model');
    expect(() => parseModelJson(strToU8('not json'))).toThrow(/^model\.json is not valid JSON/);
  });

  it('reads the bundled topologies: graph inputs, signature outputs, Keras layers', () => {
    const read = (id: string) => parseModelJson(readFileSync(join(modelsDir, id, 'model.json')));
    const centernet = read('coco-centernet');
    expect(centernet).toMatchObject({ format: 'graph', inputs: [{ name: 'tower_0/images', shape: [1, 512, 512, 3], dtype: 'float32' }] });
    expect(centernet.outputs.map((o) => [o.name, o.shape])).toContainEqual(['tower_0/detections', [1, 100, 6]]);
    const blazeface = read('face-blazeface');
    expect(blazeface.inputs).toEqual([{ name: 'input', shape: [1, 256, 256, 3], dtype: 'float32' }]);
    expect(blazeface.outputs.map((o) => o.name).sort()).toEqual(['Identity', 'Identity_1', 'Identity_2', 'Identity_3']);
    const mobilenet = read('content-mobilenetv2');
    expect(mobilenet).toMatchObject({ format: 'layers', inputs: [{ name: 'input_1', shape: [null, 224, 224, 3] }], outputs: [{ name: 'dense_3' }], finalActivation: 'softmax' });
  });
});

describe('readModelMetadata', () => {
  const file = (text: string) => strToU8(text);

  it('reads ultralytics metadata.yaml with names as a block map, a flow map or a list, and imgsz as one number or two', () => {
    const block = readModelMetadata(new Map([['metadata.yaml', file("task: detect\nimgsz:\n- 480\n- 640\nnames:\n  0: car\n  1: 'truck'\n")]]));
    expect(block.ultralytics).toMatchObject({ task: 'detect', imgsz: [480, 640], names: ['car', 'truck'] });
    const flow = readModelMetadata(new Map([['metadata.yaml', file('names: {0: person, 1: bicycle}\nimgsz: 320\n')]]));
    expect(flow.ultralytics).toMatchObject({ names: ['person', 'bicycle'], imgsz: [320, 320] });
    const list = readModelMetadata(new Map([['metadata.yaml', file('names: [a, b, c]\n')]]));
    expect(list.ultralytics?.names).toEqual(['a', 'b', 'c']);
  });

  it('names the field that is wrong', () => {
    expect(() => readModelMetadata(new Map([['metadata.yaml', file('names:\n  0: a\n  2: c\n')]]))).toThrow('metadata.yaml: field "names" must number its classes 0, 1, 2, … without gaps');
    expect(() => readModelMetadata(new Map([['metadata.yaml', file('names: [a]\nimgsz: big\n')]]))).toThrow('metadata.yaml: field "imgsz" must be a size in pixels or [height, width]');
    expect(() => readModelMetadata(new Map([['metadata.json', file('{"labels": []}')]]))).toThrow('metadata.json: field "labels" must be a non-empty list of class names');
    expect(() => readModelMetadata(new Map([['labels.txt', file('\n\n')]]))).toThrow('labels.txt is empty: give one label per line');
  });

  it("reads Teachable Machine's metadata.json and a labels.txt; another tool's metadata.json is left alone", () => {
    const tm = readModelMetadata(new Map([['metadata.json', file('{"tmVersion":"2.4.7","packageName":"@teachablemachine/image","modelName":"tm-my-image-model","labels":["Class 1","Class 2"],"imageSize":224}')]]));
    expect(tm.teachable).toEqual({ labels: ['Class 1', 'Class 2'], imageSize: 224, modelName: 'tm-my-image-model', packageName: '@teachablemachine/image', tmVersion: '2.4.7' });
    expect(readModelMetadata(new Map([['metadata.json', file('{"author":"x"}')]])).teachable).toBeUndefined();
    expect(readModelMetadata(new Map([['labels.txt', file('cat\r\ndog\n')]])).labelsTxt).toEqual(['cat', 'dog']);
  });
});
