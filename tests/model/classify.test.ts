import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import type { ClassifierManifest } from '../../src/domain/model-manifest';
import { defaultClassifyParams, defaultParams } from '../../src/domain/prediction';
import type { Tag } from '../../src/domain/tag';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';

const ID = 'content-mobilenetv2';
const pixelsOf = (name: string) => decodeImage(readFixture(name)).pixels;

let engine: Engine;
let manifest: ClassifierManifest;
const classify = async (image: string): Promise<Tag[]> =>
  (await engine.classify(ID, pixelsOf(image), defaultClassifyParams(manifest))).tags;

beforeAll(async () => {
  engine = createNodeEngine(modelsDir);
  const loaded = await engine.load(ID);
  if (loaded.task !== 'classify') throw new Error(`${ID} should be a classifier`);
  manifest = loaded;
});
afterAll(() => engine.release(ID));

// Measured on wasm (and cpu, which agrees) with the app's preprocessing (area-averaged stretch to 224², /255).
describe('MobileNetV2 content classifier (content-mobilenetv2) on the fixtures', () => {
  it('calls the astronaut photo Neutral', async () => {
    const tags = await classify('astronaut.png');
    expect(tags[0]!.label).toBe('Neutral');
    expect(tags[0]!.score).toBeGreaterThanOrEqual(0.9); // 0.988
  });

  it('calls the cat photo Neutral', async () => {
    const tags = await classify('chelsea.png');
    expect(tags[0]!.label).toBe('Neutral');
    expect(tags[0]!.score).toBeGreaterThanOrEqual(0.85); // 0.944
  });

  it('calls the rocket illustration a Drawing, with Neutral a close second', async () => {
    const tags = await classify('rocket.jpg');
    expect(tags.map((t) => t.label).slice(0, 2)).toEqual(['Drawing', 'Neutral']);
    expect(Math.abs(tags[0]!.score - 0.553)).toBeLessThanOrEqual(0.1);
    expect(tags[0]!.score + tags[1]!.score).toBeGreaterThan(0.99);
  });

  it('returns every label once, best first, as softmax probabilities', async () => {
    const tags = await classify('horse.png');
    expect(tags.map((t) => t.label).sort()).toEqual([...manifest.labels].sort());
    for (let i = 1; i < tags.length; i++) expect(tags[i]!.score).toBeLessThanOrEqual(tags[i - 1]!.score);
    expect(tags.reduce((sum, t) => sum + t.score, 0)).toBeCloseTo(1, 4);
  });

  it('honours topK and minScore', async () => {
    const pixels = pixelsOf('rocket.jpg');
    expect((await engine.classify(ID, pixels, { topK: 1, minScore: 0 })).tags.map((t) => t.label)).toEqual(['Drawing']);
    expect((await engine.classify(ID, pixels, { topK: 5, minScore: 0.01 })).tags.map((t) => t.label)).toEqual(['Drawing', 'Neutral']);
  });

  it('refuses to detect with a classifier, or classify with a detector', async () => {
    const pixels = pixelsOf('horse.png');
    await expect(engine.detect(ID, pixels, { scoreThreshold: 0.2, iouThreshold: 0.4, maxDetections: 10 })).rejects.toThrow(
      'content-mobilenetv2 is a classify model, not a detector: use classify',
    );
    const face = await engine.load('face-blazeface');
    await expect(engine.classify(face.id, pixels, { topK: 1, minScore: 0 })).rejects.toThrow(
      'face-blazeface is a detect model, not a classifier: use detect',
    );
    expect(defaultParams(face).scoreThreshold).toBeGreaterThan(0);
    await engine.release(face.id);
  });

  it('passes the backend parity probe on cpu, a layers model like the graph models', async () => {
    const cpuEngine = createNodeEngine(modelsDir);
    await cpuEngine.load(ID);
    try {
      const report = await cpuEngine.prepare(ID, 'cpu');
      expect(report).toMatchObject({ backend: 'cpu', forced: true });
      expect(report.warning).toBeUndefined(); // cpu agreed with wasm on the probe input
      const { tags, backend } = await cpuEngine.classify(ID, pixelsOf('rocket.jpg'), { topK: 1, minScore: 0 });
      expect(backend).toBe('cpu');
      expect(tags[0]!.label).toBe('Drawing');
    } finally {
      await cpuEngine.release(ID);
    }
  });
});
