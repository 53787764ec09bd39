import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxToRing } from '../../src/domain/geo/affine';
import { type Georeference, withCrs } from '../../src/domain/geo/georeference';
import { parseWorldFile } from '../../src/domain/geo/worldfile';
import { detectionsToAnnotations, toGeoJson } from '../../src/domain/formats/geojson/export';
import { TiffSource } from '../../src/platform/tiff-source';
import { fixturePath, readFixture } from '../helpers/fixtures';
import { ASTRONAUT, metresApart } from '../helpers/geo';

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
const astronaut = [{ label: 'person', classIndex: 0, score: 0.61, box: ASTRONAUT.box }];

describe('the astronaut in the mosaic fixtures, on the map', () => {
  let geotiff: Georeference;
  let worldfile: Georeference;
  beforeAll(async () => {
    geotiff = (await TiffSource.fromArrayBuffer(bufferOf(readFixture('mosaic-utm32n.tif')))).georeference()!;
    const jgw = parseWorldFile(readFileSync(fixturePath('mosaic-worldfile.jgw'), 'utf8'), 'mosaic-worldfile.jgw');
    // The JPEG's world file names no CRS: the user chooses EPSG:25832.
    worldfile = withCrs({ transform: jgw, crs: null, source: 'worldfile' }, { epsg: 25832 });
  });

  const polygon = (georeference: Georeference, target: 'native' | 'wgs84') => {
    const image = { fileName: 'mosaic', sha256: '0'.repeat(64), georeference };
    const fc = toGeoJson([{ image, annotations: detectionsToAnnotations(astronaut, { id: 'm', version: '1' }) }], target);
    return fc.features[0]!.geometry.coordinates[0]!;
  };

  it('lies at E 550060–550162.4, N 5804940–5804837.6 in EPSG:25832, exactly (to the millimetre written)', () => {
    const ring = polygon(geotiff, 'native');
    // Counter-clockwise from the top-left corner: top-left, bottom-left, bottom-right, top-right, top-left.
    expect(ring).toEqual([...ASTRONAUT.native, ASTRONAUT.native[0]]);
  });

  it('lies within 1 m (in fact within 1 cm) of PROJ\'s WGS 84 corners', () => {
    const ring = polygon(geotiff, 'wgs84');
    expect(ring).toHaveLength(5);
    ASTRONAUT.wgs84.forEach((corner, i) => expect(metresApart(ring[i]!, corner)).toBeLessThan(0.01));
  });

  it('comes out the same from the world-file JPEG (whose .jgw names the centre of the upper-left pixel)', () => {
    expect(polygon(worldfile, 'native')).toEqual(polygon(geotiff, 'native'));
    expect(polygon(worldfile, 'wgs84')).toEqual(polygon(geotiff, 'wgs84'));
    // Unrounded, the two transforms agree to well under a millimetre at the box's corners.
    const [a, b] = [boxToRing(geotiff.transform, ASTRONAUT.box), boxToRing(worldfile.transform, ASTRONAUT.box)];
    a.forEach(([x, y], i) => expect(Math.hypot(x - b[i]![0], y - b[i]![1])).toBeLessThan(1e-4));
  });
});
