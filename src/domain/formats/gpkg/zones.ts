import { PolygonLayerError, type ZoneLayer, zonesOf } from '../../geo/polygons';
import { readPolygonLayers } from './read';
import type { SqlDatabase } from './sql';

/**
 * The first feature layer of a GeoPackage as zones to count in: features named by their `name` field (else
 * "<layer> <fid>"), unreadable or invalid geometries skipped and named. Throws when the layer's CRS is undefined.
 */
export function readGeoPackageZones(db: SqlDatabase, fileName: string): ZoneLayer & { layer: string } {
  const [layer] = readPolygonLayers(db, fileName);
  if (!layer!.crs) throw new PolygonLayerError(`${fileName}, layer ${layer!.name}: its CRS is undefined; assign one (ogr2ogr -a_srs EPSG:…) first`);
  const named = (id: number, properties: Record<string, unknown>) => {
    const value = properties.name ?? properties.NAME ?? properties.Name;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : `${layer!.name} ${id}`;
  };
  const checked = zonesOf(layer!.features.map((f) => ({ name: named(f.id, f.properties), geometry: { type: 'MultiPolygon', coordinates: f.polygons } })));
  const unreadable = layer!.unreadable.map((u) => ({ name: `${layer!.name} ${u.id}`, reason: u.reason }));
  return { fileName, layer: layer!.name, crs: layer!.crs, zones: checked.zones, skipped: [...unreadable, ...checked.skipped] };
}
