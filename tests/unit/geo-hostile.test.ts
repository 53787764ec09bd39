import { describe, expect, it } from 'vitest';
import { checkTransform, checkTransformFor } from '../../src/domain/geo/affine';
import { checkGeoreference, type Georeference, GeoreferenceError } from '../../src/domain/geo/georeference';
import { parseWorldFile } from '../../src/domain/geo/worldfile';
import { toGeoJson } from '../../src/domain/formats/geojson/export';

const box = { label: 'car', status: 'accepted' as const, source: 'human:a', box: { x: 1, y: 1, w: 2, h: 2 } };

describe('a georeference must be finite and invertible over the raster', () => {
  it('a world file of 1e308 parses term by term but cannot place a 512-px image', () => {
    const transform = parseWorldFile('1e308\n0\n0\n-1\n0\n0\n', 'a.pgw');
    const georeference: Georeference = { transform, crs: { epsg: 25832 }, source: 'worldfile' };
    expect(() => checkGeoreference(georeference, 512, 512, 'a.pgw')).toThrow(GeoreferenceError);
    expect(() => checkGeoreference(georeference, 512, 512, 'a.pgw')).toThrow(/^a\.pgw: affine .* puts pixel corner \(512, 0\) at \(Infinity/);
  });

  it('a determinant that overflows, and one too small to invert reliably, are refused', () => {
    expect(() => checkTransform([0, 1e200, 0, 0, 0, -1e200])).toThrow('cannot be inverted: its determinant overflows');
    expect(() => checkTransformFor([0, 1, 1, 0, 1, 1 + 1e-15], 100, 100)).toThrow(/cannot be inverted reliably/);
    expect(checkTransformFor([550000, 0.2, 0, 5805000, 0, -0.2], 2048, 2048)).toEqual([550000, 0.2, 0, 5805000, 0, -0.2]);
  });

  it('a GeoJSON export refuses non-finite coordinates instead of writing null', () => {
    const image = { fileName: 'far.png', sha256: 'a'.repeat(64), georeference: { transform: [0, 1e308, 0, 0, 0, -1] as const, crs: { epsg: 25832 }, source: 'worldfile' as const } };
    expect(() => toGeoJson([{ image, annotations: [{ ...box, box: { x: 10, y: 1, w: 2, h: 2 } }] }], 'native')).toThrow('far.png: the box at x 10, y 1 has no finite map position');
  });

  it('a native GeoJSON names only EPSG codes of the bundled table, or a definition', () => {
    const image = (crs: Georeference['crs']) => ({ fileName: 'a.png', sha256: 'a'.repeat(64), georeference: { transform: [550000, 0.2, 0, 5805000, 0, -0.2] as const, crs, source: 'worldfile' as const } });
    expect(() => toGeoJson([{ image: image({ epsg: 12345 }), annotations: [box] }], 'native')).toThrow(
      /^a\.png: EPSG:12345 is not among the bundled definitions \(.*\); give its definition instead/,
    );
    const proj4 = '+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs';
    expect(toGeoJson([{ image: image({ wkt: proj4 }), annotations: [box] }], 'native').crs).toEqual({ type: 'name', properties: { name: proj4 } });
  });
});
