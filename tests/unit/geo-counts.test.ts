import { describe, expect, it } from 'vitest';
import { countedLabels, countInZones, insidePolygon } from '../../src/domain/geo/counts';
import { countsCsv, countFieldNames } from '../../src/domain/formats/gpkg/counts';
import { readGeoJsonZones, reprojectZones, selfIntersects } from '../../src/domain/geo/polygons';
import { ASTRONAUT } from '../helpers/geo';

const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const feature = (name: string | null, geometry: unknown) => ({ type: 'Feature', properties: name === null ? {} : { name }, geometry });

describe('polygon layers to count in', () => {
  it('keeps valid polygons and skips invalid ones, naming each with the reason', () => {
    const layer = readGeoJsonZones(
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } },
        features: [
          feature('car park', { type: 'Polygon', coordinates: [square(0, 0, 10)] }),
          feature('bow tie', { type: 'Polygon', coordinates: [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]] }),
          feature('open', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }),
          feature('triangle?', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }),
          feature('flat', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [2, 0], [0, 0]]] }),
          feature('a pin', { type: 'Point', coordinates: [1, 1] }),
          feature(null, { type: 'Polygon', coordinates: [[[0, 0], [1, 'x'], [1, 1], [0, 0]]] }),
          feature('car park', { type: 'MultiPolygon', coordinates: [[square(20, 0, 5)], [square(30, 0, 5)]] }),
        ],
      }),
      'zones.geojson',
    );
    expect(layer.crs).toEqual({ epsg: 25832 });
    expect(layer.zones.map((z) => z.name)).toEqual(['car park', 'car park (2)']);
    expect(layer.skipped).toEqual([
      { name: 'bow tie', reason: 'its outer ring crosses itself' },
      { name: 'open', reason: 'its outer ring is not closed (its last position is not its first)' },
      { name: 'triangle?', reason: 'its outer ring has 3 positions; a ring needs at least 4 (the last repeating the first)' },
      { name: 'flat', reason: 'its outer ring has no area' },
      { name: 'a pin', reason: 'a Point, not a polygon' },
      { name: 'feature 7', reason: 'its outer ring holds a position that is not two finite numbers' },
    ]);
  });

  it('reads RFC 7946 GeoJSON as WGS 84 and reprojects it into the rasters\' CRS', () => {
    const ring = [...ASTRONAUT.wgs84, ASTRONAUT.wgs84[0]!];
    const layer = reprojectZones(readGeoJsonZones(JSON.stringify(feature('astronaut', { type: 'Polygon', coordinates: [ring] })), 'a.geojson'), { epsg: 25832 });
    layer.zones[0]!.polygons[0]![0]!.slice(0, 4).forEach((p, i) => {
      expect(p[0]).toBeCloseTo(ASTRONAUT.native[i]![0], 2);
      expect(p[1]).toBeCloseTo(ASTRONAUT.native[i]![1], 2);
    });
  });

  it('finds a ring crossing itself only where it does', () => {
    expect(selfIntersects(square(0, 0, 1) as [number, number][])).toBe(false);
    const star = Array.from({ length: 2001 }, (_, i) => {
      const a = (i % 2000) * ((2 * Math.PI) / 2000);
      const r = i % 2 ? 10 : 11;
      return [r * Math.cos(a), r * Math.sin(a)] as [number, number];
    });
    expect(selfIntersects(star)).toBe(false);
    expect(selfIntersects([[0, 0], [4, 0], [4, 4], [2, -1], [0, 4], [0, 0]])).toBe(true);
  });
});

describe('counting objects per zone', () => {
  it('counts an object in each zone holding its centre, not in a hole, per class', () => {
    const zones = [
      { name: 'ring', polygons: [[square(0, 0, 10), square(4, 4, 2)]] as [number, number][][][] },
      { name: 'two parts', polygons: [[square(20, 0, 5)], [square(30, 0, 5)]] as [number, number][][][] },
      { name: 'empty', polygons: [[square(100, 100, 1)]] as [number, number][][][] },
    ];
    const counts = countInZones(zones, [
      { label: 'car', centre: [1, 1] },
      { label: 'car', centre: [5, 5] }, // in the hole
      { label: 'person', centre: [9, 9] },
      { label: 'car', centre: [22, 2] },
      { label: 'car', centre: [32, 2] },
      { label: 'car', centre: [27, 2] }, // between the parts
    ]);
    expect(counts).toEqual([
      { zone: 'ring', byLabel: { car: 1, person: 1 }, total: 2 },
      { zone: 'two parts', byLabel: { car: 2 }, total: 2 },
      { zone: 'empty', byLabel: {}, total: 0 },
    ]);
    expect(countedLabels(counts)).toEqual(['car', 'person']);
    expect(countsCsv(counts, ['car', 'person'])).toBe('zone,car,person,total\r\nring,1,1,2\r\ntwo parts,2,0,2\r\nempty,0,0,0\r\n');
    expect(insidePolygon([5, 5], [square(0, 0, 10) as [number, number][]])).toBe(true);
  });

  it('names count fields after the classes, unique and SQL-safe', () => {
    expect([...countFieldNames(['person', 'cell phone', 'Cell-Phone', 'total']).values()]).toEqual(['count_person', 'count_cell_phone', 'count_cell_phone_2', 'count_total']);
  });
});
