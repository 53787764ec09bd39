import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from '../../src/domain/model-manifest';
import { modelsDir } from '../helpers/fixtures';

const installed = (id: string): Record<string, unknown> => JSON.parse(readFileSync(join(modelsDir, id, 'manifest.json'), 'utf8'));

describe('parseManifest', () => {
  it.each(['coco-centernet', 'face-blazeface'])('accepts the installed %s manifest', (id) => {
    const manifest = parseManifest(installed(id), `${id}/manifest.json`);
    expect(manifest.id).toBe(id);
    expect(manifest.task).toBe('detect');
    expect(manifest.files.map((f) => f.path)).toContain('model.json');
  });

  it('reads the CenterNet facts the decoder relies on', () => {
    const manifest = parseManifest(installed('coco-centernet'), 'm');
    expect(manifest.input).toMatchObject({ name: 'tower_0/images', width: 512, height: 512 });
    expect(manifest.labels).toHaveLength(80);
    expect([manifest.labels[0], manifest.labels[17], manifest.labels[79]]).toEqual(['person', 'horse', 'toothbrush']);
    expect(manifest.decoder).toMatchObject({ name: 'centernet', outputs: ['tower_0/detections'] });
  });

  const broken: [string, (m: Record<string, unknown>) => void, string][] = [
    ['schema', (m) => (m.schema = 2), 'schema'],
    ['id', (m) => (m.id = ''), 'id'],
    ['weightsSha256', (m) => delete m.weightsSha256, 'weightsSha256'],
    ['task', (m) => (m.task = 'segment'), 'task'],
    ['input.name', (m) => delete (m.input as Record<string, unknown>).name, 'input.name'],
    ['input.width', (m) => ((m.input as Record<string, unknown>).width = 0), 'input.width/height'],
    ['input.height', (m) => ((m.input as Record<string, unknown>).height = 1.5), 'input.width/height'],
    ['preprocessing', (m) => delete m.preprocessing, 'preprocessing.scale/offset'],
    ['decoder.name', (m) => ((m.decoder as Record<string, unknown>).name = 3), 'decoder.name'],
    ['decoder.outputs', (m) => ((m.decoder as Record<string, unknown>).outputs = 'tower_0/detections'), 'decoder.outputs'],
    ['labels (empty)', (m) => (m.labels = []), 'labels'],
    ['labels (not strings)', (m) => (m.labels = ['person', 7]), 'labels'],
    ['files (no model.json)', (m) => (m.files = (m.files as { path: string }[]).filter((f) => f.path !== 'model.json')), 'files'],
    ['files (bad hash)', (m) => ((m.files as { sha256: string }[])[0]!.sha256 = 'abc'), 'files'],
  ];

  it.each(broken)('names the field when %s is wrong', (_, breakIt, field) => {
    const manifest = installed('coco-centernet');
    breakIt(manifest);
    expect(() => parseManifest(manifest, 'coco-centernet/manifest.json')).toThrow(ManifestError);
    expect(() => parseManifest(manifest, 'coco-centernet/manifest.json')).toThrow(`coco-centernet/manifest.json: field "${field}" must be`);
  });

  it('accepts the installed content-mobilenetv2 manifest as a layers classifier', () => {
    const manifest = parseManifest(installed('content-mobilenetv2'), 'm');
    expect(manifest.task).toBe('classify');
    expect(manifest.format).toBe('layers');
    expect(manifest.decoder).toEqual({ name: 'classifier', outputs: ['dense_3'], activation: 'none', topK: 5 });
    expect(manifest.labels).toEqual(['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy']);
    expect(manifest.input).toMatchObject({ width: 224, height: 224 });
    expect(manifest.preprocessing.scale).toBeCloseTo(1 / 255, 12);
    expect(manifest.files.map((f) => f.path)).toEqual(['model.json', 'weights.bin']);
  });

  const brokenClassifier: [string, (m: Record<string, unknown>) => void, string][] = [
    ['activation (unknown)', (m) => ((m.decoder as Record<string, unknown>).activation = 'relu'), 'decoder.activation'],
    ['activation (missing)', (m) => delete (m.decoder as Record<string, unknown>).activation, 'decoder.activation'],
    ['topK (zero)', (m) => ((m.decoder as Record<string, unknown>).topK = 0), 'decoder.topK'],
    ['topK (fraction)', (m) => ((m.decoder as Record<string, unknown>).topK = 2.5), 'decoder.topK'],
    ['format', (m) => (m.format = 'onnx'), 'format'],
  ];

  it.each(brokenClassifier)('names the field when a classifier\'s %s is wrong', (_, breakIt, field) => {
    const manifest = installed('content-mobilenetv2');
    breakIt(manifest);
    expect(() => parseManifest(manifest, 'content-mobilenetv2/manifest.json')).toThrow(
      `content-mobilenetv2/manifest.json: field "${field}" must be`,
    );
  });

  it('wants detection thresholds from a detector, and not from a classifier', () => {
    const detector = installed('coco-centernet');
    delete (detector.decoder as Record<string, unknown>).iouThreshold;
    expect(() => parseManifest(detector, 'd')).toThrow('d: field "decoder.iouThreshold" must be a number');
    const classifier = installed('content-mobilenetv2');
    expect('scoreThreshold' in (classifier.decoder as object)).toBe(false);
    expect(() => parseManifest(classifier, 'c')).not.toThrow();
  });

  it('treats a manifest without a format as a graph model', () => {
    const manifest = installed('coco-centernet');
    expect(manifest.format).toBeUndefined();
    expect(() => parseManifest({ ...manifest, format: 'graph' }, 'm')).not.toThrow();
  });

  it('refuses something that is not an object', () => {
    expect(() => parseManifest([], 'x')).toThrow('field "schema"');
    expect(() => parseManifest(null, 'x')).toThrow('x: field "(root)" must be an object');
  });
});
