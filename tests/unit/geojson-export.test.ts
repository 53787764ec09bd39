import { describe, expect, it } from 'vitest';
import type { Detection } from '../../src/domain/detection';
import { signedArea2 } from '../../src/domain/geo/affine';
import type { Georeference } from '../../src/domain/geo/georeference';
import {
  detectionsToAnnotations,
  type GeoAnnotation,
  GeoJsonExportError,
  type GeoJsonImage,
  splitByClass,
  toGeoJson,
} from '../../src/domain/formats/geojson/export';

const UTM: Georeference = { transform: [550000, 0.2, 0, 5805000, 0, -0.2], crs: { epsg: 25832 }, source: 'geotiff' };
const image = (georeference: Georeference = UTM, fileName = 'ortho.tif'): GeoJsonImage => ({ fileName, sha256: 'ab'.repeat(32), georeference });
const person: Detection = { label: 'person', classIndex: 0, score: 0.612345, box: { x: 300.123456, y: 300, w: 512, h: 511.5 } };
const car: Detection = { label: 'car', classIndex: 2, score: 0.5, box: { x: 1000, y: 1000, w: 20, h: 10 } };
const model = { id: 'coco-centernet', version: '3.3.6' };

describe('GeoJSON export', () => {
  it('writes each detection as a closed counter-clockwise polygon with label, score, status, source and hashes', () => {
    const fc = toGeoJson([{ image: image(), annotations: detectionsToAnnotations([person, car], model) }], 'native', 'ortho');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.name).toBe('ortho');
    expect(fc.features.map((f) => f.id)).toEqual([1, 2]);
    const [first] = fc.features;
    expect(first!.geometry.type).toBe('Polygon');
    const ring = first!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(signedArea2(ring)).toBeGreaterThan(0);
    expect(first!.properties).toEqual({
      label: 'person',
      score: 0.6123,
      status: 'suggested',
      source: 'model:coco-centernet@3.3.6',
      image_sha256: 'ab'.repeat(32),
      image: 'ortho.tif',
      pixel_bbox: [300.12, 300, 512, 511.5],
    });
  });

  it('states the native CRS as an EPSG URN and rounds metres to the millimetre', () => {
    const fc = toGeoJson([{ image: image(), annotations: detectionsToAnnotations([person], model) }], 'native');
    expect(fc.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } });
    // x 300.123456 px × 0.2 m = 60.0246912 m → 550060.025 at 1 mm.
    expect(fc.features[0]!.geometry.coordinates[0]![0]).toEqual([550060.025, 5804940]);
  });

  it('writes WGS 84 (RFC 7946) without a crs member, longitude first, rounded to 1e-7 degrees', () => {
    const fc = toGeoJson([{ image: image(), annotations: detectionsToAnnotations([person], model) }], 'wgs84');
    expect(fc).not.toHaveProperty('crs');
    const ring = fc.features[0]!.geometry.coordinates[0]!;
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(9.7);
      expect(lon).toBeLessThan(9.8);
      expect(lat).toBeGreaterThan(52.3);
      expect(Math.round(lon * 1e7) / 1e7).toBe(lon);
      expect(Math.round(lat * 1e7) / 1e7).toBe(lat);
    }
    expect(signedArea2(ring)).toBeGreaterThan(0);
    expect(ring[4]).toEqual(ring[0]);
  });

  it('keeps rings counter-clockwise for a raster whose rows grow north (flipped winding)', () => {
    const flipped: Georeference = { transform: [550000, 0.2, 0, 5800000, 0, 0.2], crs: { epsg: 25832 }, source: 'worldfile' };
    for (const target of ['native', 'wgs84'] as const) {
      const ring = toGeoJson([{ image: image(flipped), annotations: detectionsToAnnotations([car], model) }], target).features[0]!.geometry.coordinates[0]!;
      expect(signedArea2(ring)).toBeGreaterThan(0);
    }
  });

  it('writes a person\'s annotation with its status and no score, and a WKT CRS by name', () => {
    const drawn: GeoAnnotation = { label: 'roof', status: 'accepted', source: 'human:anna', box: { x: 0, y: 0, w: 10, h: 10 } };
    const wkt = 'PROJCS["Local grid",UNIT["Meter",1]]';
    const fc = toGeoJson([{ image: image({ ...UTM, crs: { wkt } }), annotations: [drawn] }], 'native');
    expect(fc.features[0]!.properties).toMatchObject({ label: 'roof', score: null, status: 'accepted', source: 'human:anna' });
    expect(fc.crs!.properties.name).toBe(wkt);
  });

  it('splits by class, keeping ids and the crs member', () => {
    const fc = toGeoJson([{ image: image(), annotations: detectionsToAnnotations([person, car, { ...person, box: { x: 0, y: 0, w: 5, h: 5 } }], model) }], 'native', 'ortho');
    const parts = splitByClass(fc);
    expect([...parts.keys()]).toEqual(['person', 'car']);
    expect(parts.get('person')!.features.map((f) => f.id)).toEqual([1, 3]);
    expect(parts.get('car')!.name).toBe('ortho car');
    expect(parts.get('car')!.crs).toEqual(fc.crs);
  });

  it('refuses an image without CRS, and native output mixing CRSs', () => {
    const noCrs = image({ ...UTM, crs: null }, 'photo.jpg');
    const annotations = detectionsToAnnotations([person], model);
    expect(() => toGeoJson([{ image: noCrs, annotations }], 'native')).toThrow(GeoJsonExportError);
    expect(() => toGeoJson([{ image: noCrs, annotations }], 'wgs84')).toThrow(
      'photo.jpg: the georeference names no CRS; choose one (an EPSG code or a .prj) before a geo export',
    );
    const other = image({ ...UTM, crs: { epsg: 25833 } }, 'east.tif');
    const entries = [{ image: image(), annotations }, { image: other, annotations }];
    expect(() => toGeoJson(entries, 'native')).toThrow('ortho.tif (EPSG:25832) and east.tif (EPSG:25833) are in different CRSs');
    expect(toGeoJson(entries, 'wgs84').features).toHaveLength(2);
  });
});
