// FlatGeobuf through the flatgeobuf package's own writer: the same polygons and fields as the GeoPackage layer.
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { detectionsLayer, type MapObject } from '../gpkg/detections';
import { GeoPackageError } from '../gpkg/write';

/**
 * The objects as one FlatGeobuf layer in their common CRS. FlatGeobuf names a CRS by EPSG code only, so objects
 * in a CRS known only by its WKT are refused (export them as GeoPackage, which carries the WKT).
 */
export function toFlatGeobuf(objects: readonly MapObject[]): Uint8Array {
  const layer = detectionsLayer(objects);
  if (!('epsg' in layer.crs)) throw new GeoPackageError('FlatGeobuf names its CRS by EPSG code, and these images have only a WKT: export a GeoPackage instead');
  const collection = {
    type: 'FeatureCollection',
    features: layer.features.map((f) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: f.polygons[0] }, properties: f.properties })),
  };
  return serialize(collection as unknown as Parameters<typeof serialize>[0], layer.crs.epsg);
}
