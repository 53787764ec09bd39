import { beforeAll, describe, expect, it } from 'vitest';
import type { DetectParams, Detection } from '../../src/domain/detection';
import { iou, type BBox } from '../../src/domain/geometry';
import { defaultParams } from '../../src/domain/prediction';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { detectTiled, detectWhole } from '../../src/ml/tiled';
import { TiffSource } from '../../src/platform/tiff-source';
import { modelsDir, readFixture } from '../helpers/fixtures';

// Where the fixtures README says the images were pasted into the 2048 × 2048 mosaic.
const ASTRONAUT_SQUARE: BBox = { x: 300, y: 300, w: 512, h: 512 };
const HORSE: BBox = { x: 1450, y: 250, w: 400, h: 328 };
const CAT: BBox = { x: 250, y: 1450, w: 451, h: 300 };
// The person inside the astronaut's square: CenterNet's box on astronaut.png (x 8, y 9, w 361, h 511; see
// detect.test.ts) moved by (300, 300) and cut at the square's bottom edge (y 812).
const ASTRONAUT_PERSON: BBox = { x: 308, y: 309, w: 361, h: 503 };

const show = (ds: Detection[]) => JSON.stringify(ds.map((d) => [d.label, +d.score.toFixed(2), ...[d.box.x, d.box.y, d.box.w, d.box.h].map(Math.round)]));

let engine: Engine;
let mosaic: TiffSource;
let params: DetectParams;

beforeAll(async () => {
  engine = createNodeEngine(modelsDir);
  const manifest = await engine.load('coco-centernet');
  params = defaultParams(manifest);
  const bytes = readFixture('mosaic-utm32n.tif');
  mosaic = await TiffSource.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
});

describe('CenterNet tiled (512, overlap 0.2) on the mosaic GeoTIFF', () => {
  let tiled: Detection[];
  beforeAll(async () => {
    const result = await detectTiled(engine, 'coco-centernet', mosaic, params, { tileSize: 512, overlap: 0.2, wholeImagePass: false });
    expect(result.tiles).toBe(25);
    // Measured on wasm: 17 detections from the tiles, four of them quarters of the astronaut.
    expect(result.rawDetections).toBeGreaterThan(result.detections.length);
    tiled = result.detections;
  });

  it('finds the astronaut, cut by two tile borders, as exactly one person', () => {
    const people = tiled.filter((d) => d.label === 'person');
    expect(people, show(tiled)).toHaveLength(1);
    const [person] = people;
    // Measured on wasm: score 0.59, x 311, y 315, w 355, h 496 (the union of four quarters, one per tile).
    expect(iou(person!.box, ASTRONAUT_PERSON), show(people)).toBeGreaterThanOrEqual(0.9);
    // The person fills only 361 × 503 of the pasted 512 × 512 square, so even a perfect box has IoU 0.69
    // with the square; measured 0.67.
    expect(iou(person!.box, ASTRONAUT_SQUARE)).toBeGreaterThanOrEqual(0.65);
  });

  it('finds the horse across its tile border as one horse', () => {
    const horses = tiled.filter((d) => d.label === 'horse');
    expect(horses, show(tiled)).toHaveLength(1);
    // Measured on wasm: 0.43, x 1455, y 259, w 389, h 304 (IoU 0.90).
    expect(iou(horses[0]!.box, HORSE)).toBeGreaterThanOrEqual(0.8);
  });

  it('finds the cat once, though one tile saw its back half as a dog', () => {
    const cats = tiled.filter((d) => d.label === 'cat');
    expect(cats, show(tiled)).toHaveLength(1);
    expect(tiled.filter((d) => d.label === 'dog')).toEqual([]);
    // Measured on wasm: 0.53, x 251, y 1452, w 389, h 291 (IoU 0.84).
    expect(iou(cats[0]!.box, CAT)).toBeGreaterThanOrEqual(0.75);
  });

  it('still gives one person, one horse and one cat with a whole-image pass added', async () => {
    const both = await detectTiled(engine, 'coco-centernet', mosaic, params, { tileSize: 512, overlap: 0.2, wholeImagePass: true });
    const people = both.detections.filter((d) => d.label === 'person');
    expect(people, show(both.detections)).toHaveLength(1);
    expect(iou(people[0]!.box, ASTRONAUT_PERSON)).toBeGreaterThanOrEqual(0.9);
    expect(both.detections.filter((d) => d.label === 'horse')).toHaveLength(1);
    expect(both.detections.filter((d) => d.label === 'cat')).toHaveLength(1);
  });
});

describe('CenterNet on the whole mosaic shrunk to 512 × 512', () => {
  it('finds the three big animals too (4× smaller), with looser boxes and lower scores, and nothing small', async () => {
    const { detections } = await detectWhole(engine, 'coco-centernet', mosaic, params, { width: 512, height: 512 });
    // Measured on wasm: horse 0.65 (1465, 262, 381, 302), cat 0.51 (254, 1451, 432, 298), person 0.45 (302, 301, 347, 514).
    expect(detections.map((d) => d.label).sort(), show(detections)).toEqual(['cat', 'horse', 'person']);
    const person = detections.find((d) => d.label === 'person')!;
    expect(iou(person.box, ASTRONAUT_PERSON)).toBeGreaterThanOrEqual(0.85);
    expect(person.score).toBeLessThan(0.55);
  });
});
