import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlNode } from '../../src/cli/sqlite-node';
import { decodePolygons, encodePolygon } from '../../src/domain/formats/gpkg/geometry';
import { detectionsLayer, type MapObject } from '../../src/domain/formats/gpkg/detections';
import { readPolygonLayers } from '../../src/domain/formats/gpkg/read';
import { GeoPackageError, writeGeoPackage } from '../../src/domain/formats/gpkg/write';

const tile = (name: string, x0: number, epsg = 25832): MapObject['image'] => ({
  fileName: name,
  sha256: name.padEnd(64, '0'),
  georeference: { transform: [x0, 0.2, 0, 5805000, 0, -0.2], crs: { epsg }, source: 'geotiff' },
});

const objects: MapObject[] = [
  { image: tile('a.tif', 550000), annotation: { label: 'person', score: 0.61, status: 'suggested', source: 'model:coco-centernet@1.0.0', box: { x: 300, y: 300, w: 512, h: 512 } } },
  { image: tile('b.tif', 550120), annotation: { label: 'car', status: 'accepted', source: 'human:ana', box: { x: 10, y: 20, w: 30, h: 40 } } },
];

const temp = () => mkdtempSync(join(tmpdir(), 'gpkg-'));

describe('GeoPackage', () => {
  it('writes a layer GDAL reads: CRS, layer, fields, feature count, geometry where the affine puts it', async () => {
    const bytes = writeGeoPackage(await openSqlNode(), [detectionsLayer(objects)]);
    const path = join(temp(), 'area.gpkg');
    writeFileSync(path, bytes);
    const info = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
    expect(info).toContain('Layer name: detections');
    expect(info).toContain('Geometry: Polygon');
    expect(info).toContain('Feature Count: 2');
    expect(info).toContain('ETRS89 / UTM zone 32N');
    expect(info).toMatch(/model_version: String/);
    const geojson = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', path], { encoding: 'utf8' })) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[];
    };
    const person = geojson.features[0]!;
    expect(person.properties).toMatchObject({ label: 'person', score: 0.61, status: 'suggested', model_version: '1.0.0', image: 'a.tif' });
    const xs = person.geometry.coordinates[0]!.map((p) => p[0]!);
    expect(Math.min(...xs)).toBeCloseTo(550060, 6);
    expect(Math.max(...xs)).toBeCloseTo(550162.4, 6);
    expect(geojson.features[1]!.properties).toMatchObject({ label: 'car', score: null, model_version: null, status: 'accepted' });
    // GDAL's own validator of the GeoPackage requirements finds nothing to say.
    const validation = execFileSync('ogrinfo', ['-ro', '-q', path, '--config', 'OGR_GPKG_INTEGRITY_CHECK', 'YES'], { encoding: 'utf8' });
    expect(validation).not.toMatch(/ERROR|Warning/i);
  });

  it('reads back its own polygons, and MultiPolygons written by GDAL, with their CRS', async () => {
    const layer = readPolygonLayers(await openSqlNode(writeGeoPackage(await openSqlNode(), [detectionsLayer(objects)])), 'own.gpkg')[0]!;
    expect(layer.crs).toEqual({ epsg: 25832 });
    expect(layer.features.map((f) => f.properties.label)).toEqual(['person', 'car']);
    const dir = temp();
    writeFileSync(join(dir, 'in.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { name: 'two parts' }, geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] } }],
    }));
    execFileSync('ogr2ogr', ['-f', 'GPKG', '-a_srs', 'EPSG:25833', join(dir, 'gdal.gpkg'), join(dir, 'in.geojson'), '-nln', 'parcels']);
    const { readFileSync } = await import('node:fs');
    const [parcels] = readPolygonLayers(await openSqlNode(new Uint8Array(readFileSync(join(dir, 'gdal.gpkg')))), 'gdal.gpkg');
    expect(parcels!.name).toBe('parcels');
    expect(parcels!.crs).toEqual({ epsg: 25833 });
    expect(parcels!.features[0]!.polygons).toHaveLength(2);
    expect(parcels!.features[0]!.properties.name).toBe('two parts');
  });

  it('refuses objects in two CRSs, naming both images, before writing anything', () => {
    const mixed = [objects[0]!, { ...objects[1]!, image: tile('c.tif', 550000, 25833) }];
    expect(() => detectionsLayer(mixed)).toThrow(/a\.tif \(EPSG:25832\) and c\.tif \(EPSG:25833\) are in different CRSs/);
  });

  it('writes nothing half: a bad layer leaves the database without GeoPackage tables', async () => {
    const db = await openSqlNode();
    const bad = { ...detectionsLayer(objects), features: [{ polygons: [[[[0, 0], [1, 1]]]] as [number, number][][][], properties: {} }] };
    expect(() => writeGeoPackage(db, [bad])).toThrow(GeoPackageError);
    expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([]);
  });

  it('encodes and decodes a polygon with a hole', () => {
    const rings: [number, number][][] = [
      [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
      [[2, 2], [2, 4], [4, 4], [2, 2]],
    ];
    expect(decodePolygons(encodePolygon(rings, 25832))).toEqual([rings]);
  });
});
