import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DetectParams } from '../../src/domain/detection';
import { type Area, groupAreas } from '../../src/domain/geo/area';
import { iou } from '../../src/domain/geometry';
import { sha256Hex } from '../../src/domain/hash';
import { defaultParams } from '../../src/domain/prediction';
import { detectArea } from '../../src/ml/area';
import type { Engine } from '../../src/ml/engine';
import { createNodeEngine } from '../../src/ml/node';
import { detectTiled } from '../../src/ml/tiled';
import { TiffSource } from '../../src/platform/tiff-source';
import { AREA_SPLIT, makeAreaTiles } from '../helpers/area-tiles';
import { modelsDir, readFixture } from '../helpers/fixtures';

let engine: Engine;
let params: DetectParams;
let area: Area;
const sources = new Map<string, TiffSource>();

const open = async (path: string) => {
  const bytes = readFileSync(path);
  return TiffSource.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
};

beforeAll(async () => {
  engine = createNodeEngine(modelsDir);
  params = defaultParams(await engine.load('coco-centernet'));
  const images = [];
  for (const path of makeAreaTiles()) {
    const source = await open(path);
    const sha256 = await sha256Hex(readFileSync(path));
    sources.set(sha256, source);
    images.push({ sha256, fileName: basename(path), width: source.width, height: source.height, georeference: source.georeference()! });
  }
  [area] = groupAreas(images).areas as [Area];
});

describe('detection over an area of four GeoTIFFs cut from the mosaic', () => {
  it('finds what tiled detection finds in the one big file: each object cut by a file border once, with the same box', async () => {
    const tiling = { tileSize: 512, overlap: 0.2 };
    const result = await detectArea(engine, 'coco-centernet', area, async (m) => sources.get(m.sha256)!, params, tiling);
    const bytes = readFixture('mosaic-utm32n.tif');
    const whole = await TiffSource.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const reference = await detectTiled(engine, 'coco-centernet', whole, params, { ...tiling, wholeImagePass: false });
    expect(result.tiles).toBe(25);
    expect(result.detections.map((d) => d.label).sort()).toEqual(reference.detections.map((d) => d.label).sort());
    for (const d of reference.detections) {
      const match = result.detections.find((a) => a.label === d.label && iou(a.box, d.box) >= 0.99);
      expect(match, `${d.label} ${JSON.stringify(d.box)}`).toBeDefined();
    }
    // The three objects the borders cut (x 600, y 500) come out once each.
    const crosses = (b: { x: number; y: number; w: number; h: number }) => (b.x < AREA_SPLIT.x && b.x + b.w > AREA_SPLIT.x) || (b.y < AREA_SPLIT.y && b.y + b.h > AREA_SPLIT.y);
    const straddling = result.detections.filter((d) => d.score >= 0.3 && crosses(d.box)).map((d) => d.label).sort();
    expect(straddling).toEqual(['cat', 'horse', 'person']);
    const person = result.detections.find((d) => d.label === 'person')!;
    const owner = area.members.find((m) => m.sha256 === person.imageSha256)!;
    expect(owner.fileName).toBe('c.tif');
    expect(person.imageBox.x + owner.col).toBeCloseTo(person.box.x, 9);
  });
});
