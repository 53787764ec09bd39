// Writes an OGC GeoPackage 1.3 (OGC 12-128r18) through an SQLite database: the required tables, the layers'
// spatial reference systems, one feature table per layer with a POLYGON geometry column.
import type { Position } from '../../geo/affine';
import { CRS_WKT1 } from '../../geo/crs-wkt';
import { crsDefinition } from '../../geo/crs-definitions';
import { type Crs, crsLabel } from '../../geo/georeference';
import { encodePolygons, type PolygonRings } from './geometry';
import { quoteId, type SqlDatabase, type SqlValue } from './sql';

/** 'GPKG' as the SQLite application_id, and 1.3.0 as user_version (§1.1.1.1.1). */
const APPLICATION_ID = 0x47504b47;
const USER_VERSION = 10300;

export type FieldType = 'TEXT' | 'REAL' | 'INTEGER';

export interface GpkgField {
  name: string;
  type: FieldType;
}

export interface GpkgFeature {
  /** One polygon for a POLYGON layer; any number for a MULTIPOLYGON one. */
  polygons: PolygonRings[];
  properties: Record<string, string | number | null>;
}

export interface GpkgLayer {
  name: string;
  description?: string;
  crs: Crs;
  geometryType?: 'POLYGON' | 'MULTIPOLYGON';
  fields: readonly GpkgField[];
  features: readonly GpkgFeature[];
}

export class GeoPackageError extends Error {
  override name = 'GeoPackageError';
}

/** srs_id for a CRS known only by its WKT (a .prj): outside EPSG's range, as GDAL numbers its own. */
const CUSTOM_SRS_ID = 100_000;

interface Srs {
  id: number;
  name: string;
  organization: string;
  code: number;
  definition: string;
}

function srsOf(crs: Crs): Srs {
  if ('wkt' in crs) return { id: CUSTOM_SRS_ID, name: crsLabel(crs), organization: 'NONE', code: CUSTOM_SRS_ID, definition: crs.wkt };
  const definition = CRS_WKT1[crs.epsg];
  if (!definition) {
    // GDAL and QGIS resolve an EPSG organization code themselves when the definition is "undefined".
    return { id: crs.epsg, name: `EPSG:${crs.epsg}`, organization: 'EPSG', code: crs.epsg, definition: 'undefined' };
  }
  return { id: crs.epsg, name: crsDefinition(crs.epsg)?.name ?? `EPSG:${crs.epsg}`, organization: 'EPSG', code: crs.epsg, definition };
}

const CORE_TABLES = `
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`;

/** The three rows §1.1.2.1.2 requires: WGS 84, and the undefined cartesian and geographic systems. */
function insertRequiredSrs(db: SqlDatabase): void {
  const insert = 'INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)';
  db.run(insert, ['WGS 84 geodetic', 4326, 'EPSG', 4326, CRS_WKT1[4326]!, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid']);
  db.run(insert, ['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system']);
  db.run(insert, ['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system']);
}

const LAYER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function checkLayers(layers: readonly GpkgLayer[]): void {
  const seen = new Set<string>();
  for (const layer of layers) {
    if (!LAYER_NAME.test(layer.name) || layer.name.toLowerCase().startsWith('gpkg_')) {
      throw new GeoPackageError(`layer name "${layer.name}" must be letters, digits and _ (not starting with gpkg_)`);
    }
    if (seen.has(layer.name.toLowerCase())) throw new GeoPackageError(`two layers are named "${layer.name}"`);
    seen.add(layer.name.toLowerCase());
    const names = new Set(['fid', 'geom']);
    for (const field of layer.fields) {
      if (names.has(field.name.toLowerCase())) throw new GeoPackageError(`layer ${layer.name}: field "${field.name}" is there twice (fid and geom are taken)`);
      names.add(field.name.toLowerCase());
    }
    layer.features.forEach((f, i) => {
      const rings = f.polygons.flat();
      const finite = f.polygons.length > 0 && f.polygons.every((p) => p.length > 0) && rings.every((r) => r.length >= 4 && r.every((p: Position) => Number.isFinite(p[0]) && Number.isFinite(p[1])));
      if (!finite) throw new GeoPackageError(`layer ${layer.name}, feature ${i + 1}: a polygon needs closed rings of at least 4 finite positions`);
      if ((layer.geometryType ?? 'POLYGON') === 'POLYGON' && f.polygons.length !== 1) throw new GeoPackageError(`layer ${layer.name}, feature ${i + 1}: ${f.polygons.length} polygons in a POLYGON layer`);
    });
  }
}

/**
 * Fills an empty database with a GeoPackage holding `layers` and returns its bytes. Everything is checked before
 * the first table is made, and written in one transaction: a failure leaves no partial GeoPackage.
 */
export function writeGeoPackage(db: SqlDatabase, layers: readonly GpkgLayer[]): Uint8Array {
  checkLayers(layers);
  db.run(`PRAGMA application_id = ${APPLICATION_ID}`);
  db.run(`PRAGMA user_version = ${USER_VERSION}`);
  db.run('BEGIN');
  try {
    for (const statement of CORE_TABLES.split(';').map((s) => s.trim()).filter(Boolean)) db.run(statement);
    insertRequiredSrs(db);
    const written = new Set([4326, -1, 0]);
    for (const layer of layers) {
      const srs = srsOf(layer.crs);
      if (!written.has(srs.id)) {
        db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)', [srs.name, srs.id, srs.organization, srs.code, srs.definition, null]);
        written.add(srs.id);
      }
      writeLayer(db, layer, srs.id);
    }
    db.run('COMMIT');
  } catch (error) {
    db.run('ROLLBACK');
    throw error;
  }
  return db.export();
}

function writeLayer(db: SqlDatabase, layer: GpkgLayer, srsId: number): void {
  const table = quoteId(layer.name);
  const columns = layer.fields.map((f) => `${quoteId(f.name)} ${f.type}`);
  const type = layer.geometryType ?? 'POLYGON';
  db.run(`CREATE TABLE ${table} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${type}${columns.map((c) => `, ${c}`).join('')})`);
  const bounds = boundsOf(layer.features);
  db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    layer.name,
    'features',
    layer.name,
    layer.description ?? '',
    ...(bounds ?? [null, null, null, null]),
    srsId,
  ]);
  db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)', [layer.name, 'geom', type, srsId]);
  const placeholders = ['?', ...layer.fields.map(() => '?')].join(', ');
  const insert = `INSERT INTO ${table} (geom${layer.fields.map((f) => `, ${quoteId(f.name)}`).join('')}) VALUES (${placeholders})`;
  for (const feature of layer.features) {
    const values: SqlValue[] = layer.fields.map((f) => valueFor(feature.properties[f.name], f));
    db.run(insert, [encodePolygons(feature.polygons, srsId, type === 'MULTIPOLYGON'), ...values]);
  }
}

function valueFor(value: string | number | null | undefined, field: GpkgField): SqlValue {
  if (value === undefined || value === null) return null;
  if (field.type === 'TEXT') return String(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new GeoPackageError(`field ${field.name} holds ${JSON.stringify(value)}, not a number`);
  return field.type === 'INTEGER' ? Math.round(value) : value;
}

/** [minX, minY, maxX, maxY] of the exterior rings, or null for no features (a loop: spreading 10⁶ values overflows). */
function boundsOf(features: readonly GpkgFeature[]): [number, number, number, number] | null {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    for (const [x, y] of f.polygons.flatMap((p) => p[0] ?? [])) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return minX <= maxX ? [minX, minY, maxX, maxY] : null;
}
