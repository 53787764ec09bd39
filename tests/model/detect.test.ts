import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/cli/decode-image';
import type { Detection } from '../../src/domain/detection';
import { iou } from '../../src/domain/geometry';
import type { RgbaPixels } from '../../src/domain/image';
import { defaultParams } from '../../src/domain/prediction';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { modelsDir, readFixture } from '../helpers/fixtures';

const pixelsOf = (name: string): RgbaPixels => decodeImage(readFixture(name)).pixels;

let engine: Engine;
const run = async (modelId: string, image: string): Promise<Detection[]> => {
  const manifest = await engine.load(modelId);
  return (await engine.detect(manifest.id, pixelsOf(image), defaultParams(manifest))).detections;
};

beforeAll(async () => {
  engine = createNodeEngine(modelsDir);
  await engine.load('coco-centernet');
  await engine.load('face-blazeface');
});

describe('CenterNet (coco-centernet) on the fixtures', () => {
  it('finds the astronaut as a person where the browser backends found her', async () => {
    const people = (await run('coco-centernet', 'astronaut.png')).filter((d) => d.label === 'person');
    expect(people.length).toBeGreaterThanOrEqual(1);
    const best = people.reduce((a, b) => (b.score > a.score ? b : a));
    expect(iou(best.box, { x: 8, y: 9, w: 361, h: 511 })).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(best.score - 0.61)).toBeLessThanOrEqual(0.05);
  });

  it('finds the horse', async () => {
    const detections = await run('coco-centernet', 'horse.png');
    const horse = detections.find((d) => d.label === 'horse');
    expect(horse, JSON.stringify(detections)).toBeDefined();
    expect(horse!.classIndex).toBe(17);
    // The silhouette fills most of the 400 × 328 frame.
    expect(horse!.box.w * horse!.box.h).toBeGreaterThan(0.5 * 400 * 328);
  });

  it('keeps every box inside its image', async () => {
    for (const [name, width, height] of [['rocket.jpg', 640, 427], ['chelsea.png', 451, 300]] as const) {
      for (const { box } of await run('coco-centernet', name)) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.w).toBeLessThanOrEqual(width);
        expect(box.y + box.h).toBeLessThanOrEqual(height);
      }
    }
  });
});

describe('BlazeFace (face-blazeface) on the fixtures', () => {
  it('finds exactly one face on the astronaut, in the upper half of the image', async () => {
    const faces = await run('face-blazeface', 'astronaut.png');
    expect(faces).toHaveLength(1);
    const { box, label, score } = faces[0]!;
    expect(label).toBe('face');
    expect(score).toBeGreaterThan(0.8);
    expect(box.y + box.h).toBeLessThanOrEqual(256);
    // Measured on wasm: x 172, y 74, w 105, h 105.
    expect(iou(box, { x: 172, y: 74, w: 105, h: 105 })).toBeGreaterThanOrEqual(0.8);
  });

  it('finds no face on the horse', async () => {
    expect(await run('face-blazeface', 'horse.png')).toEqual([]);
  });
});
