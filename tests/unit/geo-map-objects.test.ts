import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../src/domain/annotation';
import type { AreaRun } from '../../src/domain/area-run';
import { mapObjects } from '../../src/domain/geo/map-objects';
import type { Georeference } from '../../src/domain/geo/georeference';

const geo: Georeference = { transform: [550000, 0.2, 0, 5805000, 0, -0.2], crs: { epsg: 25832 }, source: 'geotiff' };
const image = (name: string, georeference: Georeference | null = geo) => ({ sha256: name, fileName: `${name}.tif`, ...(georeference ? { georeference } : {}) });
const box = { x: 1, y: 2, w: 3, h: 4 };
const annotation = (id: string, imageSha256: string, status: Annotation['status'], score?: number): Annotation => ({
  id,
  imageSha256,
  shape: { kind: 'bbox', box },
  label: 'car',
  ...(score !== undefined ? { score } : {}),
  source: status === 'suggested' ? 'model:m@1' : 'human:ana',
  status,
  createdAt: 't',
  updatedAt: 't',
});
const run = (detections: AreaRun['detections']): AreaRun => ({
  key: 'a|r',
  areaKey: 'a',
  runKey: 'r',
  modelId: 'm',
  modelVersion: '2',
  params: { scoreThreshold: 0.05, iouThreshold: 0.4, maxDetections: 100 },
  tiling: { tileSize: 512, overlap: 0.2 },
  area: { key: 'a', crs: { epsg: 25832 }, transform: geo.transform, width: 1, height: 1, members: [], coveredKm2: 0, hasGaps: false, hasOverlaps: false },
  status: 'finished',
  done: 1,
  total: 1,
  detections,
  createdAt: 't',
  updatedAt: 't',
});
const areaDetection = (imageSha256: string, score: number) => ({ label: 'car', classIndex: 2, score, box, imageSha256, imageBox: box });

describe('what the map draws, counts and exports', () => {
  it('takes per image a person\'s boxes, else the area run\'s, else the image\'s own run, never two of them', () => {
    const objects = mapObjects({
      images: [image('reviewed'), image('area'), image('own'), image('nothing'), image('unplaced', null)],
      annotations: new Map([
        ['reviewed', [annotation('1', 'reviewed', 'accepted'), annotation('2', 'reviewed', 'rejected'), annotation('3', 'reviewed', 'suggested', 0.1), annotation('4', 'reviewed', 'suggested', 0.9)]],
      ]),
      areaRuns: [run([areaDetection('reviewed', 0.9), areaDetection('area', 0.8), areaDetection('area', 0.1)])],
      predictions: {
        area: { detections: [{ label: 'dog', classIndex: 0, score: 0.9, box }], modelId: 'm', modelVersion: '1' },
        own: { detections: [{ label: 'dog', classIndex: 0, score: 0.9, box }], modelId: 'm', modelVersion: '1' },
        unplaced: { detections: [{ label: 'dog', classIndex: 0, score: 0.9, box }], modelId: 'm', modelVersion: '1' },
      },
      scoreThreshold: 0.5,
    });
    expect(objects.map((o) => [o.image.sha256, o.annotation.label, o.annotation.status, o.annotation.source, o.annotationId])).toEqual([
      ['reviewed', 'car', 'accepted', 'human:ana', '1'],
      ['reviewed', 'car', 'suggested', 'model:m@1', '4'],
      ['area', 'car', 'suggested', 'model:m@2', undefined],
      ['own', 'dog', 'suggested', 'model:m@1', undefined],
    ]);
  });
});
