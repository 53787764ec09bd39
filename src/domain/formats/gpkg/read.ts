// Reads polygon layers out of a GeoPackage (parcels, car parks, municipalities to count objects in).
import type { Crs } from '../../geo/georeference';
import { decodePolygons, GeometryError, type PolygonRings } from './geometry';
import { GeoPackageError } from './write';
import { quoteId, rows, type SqlDatabase } from './sql';

export interface ReadFeature {
  /** The feature's fid (its row id). */
  id: number;
  polygons: PolygonRings[];
  properties: Record<string, string | number | null>;
}

export interface ReadLayer {
  name: string;
  crs: Crs | null;
  features: ReadFeature[];
  /** Features whose geometry could not be read, each named by fid with the reason. */
  unreadable: { id: number; reason: string }[];
}

/** The CRS of an srs_id: by EPSG code where the organization is EPSG, else its WKT; null for the undefined ones. */
function crsOfSrs(db: SqlDatabase, srsId: number): Crs | null {
  const [srs] = rows(db, 'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  if (!srs || srsId === 0 || srsId === -1) return null;
  if (String(srs.organization).toUpperCase() === 'EPSG') return { epsg: Number(srs.organization_coordsys_id) };
  const wkt = String(srs.definition ?? '');
  return wkt && wkt !== 'undefined' ? { wkt } : null;
}

/**
 * Every feature layer of the GeoPackage with polygon geometries (POLYGON, MULTIPOLYGON, or a GEOMETRY column
 * holding them). Throws GeoPackageError when the file is not a GeoPackage or holds no feature layer.
 */
export function readPolygonLayers(db: SqlDatabase, fileName: string): ReadLayer[] {
  let columns;
  try {
    columns = rows(db, "SELECT g.table_name, g.column_name, g.srs_id FROM gpkg_geometry_columns g JOIN gpkg_contents c ON c.table_name = g.table_name WHERE c.data_type = 'features'");
  } catch (error) {
    throw new GeoPackageError(`${fileName} is not a GeoPackage (${(error as Error).message})`, { cause: error });
  }
  if (columns.length === 0) throw new GeoPackageError(`${fileName} holds no feature layer`);
  return columns.map((column) => {
    const name = String(column.table_name);
    const geometry = String(column.column_name);
    const layer: ReadLayer = { name, crs: crsOfSrs(db, Number(column.srs_id)), features: [], unreadable: [] };
    const pk = rows(db, `PRAGMA table_info(${quoteId(name)})`).find((c) => Number(c.pk) === 1)?.name ?? 'rowid';
    for (const row of rows(db, `SELECT ${quoteId(String(pk))} AS __fid, * FROM ${quoteId(name)}`)) {
      const id = Number(row.__fid);
      const blob = row[geometry];
      const properties = Object.fromEntries(
        Object.entries(row).filter(([k, v]) => k !== '__fid' && k !== geometry && k !== pk && !(v instanceof Uint8Array)),
      ) as Record<string, string | number | null>;
      if (!(blob instanceof Uint8Array)) {
        layer.unreadable.push({ id, reason: 'no geometry' });
        continue;
      }
      try {
        layer.features.push({ id, polygons: decodePolygons(blob), properties });
      } catch (error) {
        if (!(error instanceof GeometryError)) throw error;
        layer.unreadable.push({ id, reason: error.message });
      }
    }
    return layer;
  });
}
