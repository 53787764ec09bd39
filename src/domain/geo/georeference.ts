import { checkTransformFor, type GeoTransform } from './affine';

/** A coordinate reference system, by EPSG code where one is known, else as a definition: WKT (a .prj) or a proj4 string. */
export type Crs = { epsg: number } | { wkt: string };

/** Where a raster lies on the map: pixel → map affine (corner convention, see affine.ts) and its CRS. */
export interface Georeference {
  transform: GeoTransform;
  /** null: the file places the raster but does not say in which CRS (the user must name it before a geo export). */
  crs: Crs | null;
  source: 'geotiff' | 'worldfile';
}

/** A georeference that cannot be read: malformed GeoTIFF tags, a world file that does not parse, a bad .prj. */
export class GeoreferenceError extends Error {
  override name = 'GeoreferenceError';
}

export const crsLabel = (crs: Crs | null): string =>
  crs === null ? 'no CRS' : 'epsg' in crs ? `EPSG:${crs.epsg}` : `${isProj4(crs.wkt) ? 'proj4' : 'WKT'} ${crs.wkt.slice(0, 40)}${crs.wkt.length > 40 ? '…' : ''}`;

/** A proj4 string ("+proj=utm +zone=32 …") rather than WKT. */
export const isProj4 = (definition: string) => /^\s*\+proj=/.test(definition);

/**
 * The georeference of a width × height raster, or a GeoreferenceError saying why it cannot place it: the
 * affine must take the whole raster to finite map coordinates and be invertible there. `what` names the source.
 */
export function checkGeoreference(georeference: Georeference, width: number, height: number, what: string): Georeference {
  try {
    checkTransformFor(georeference.transform, width, height);
  } catch (error) {
    throw new GeoreferenceError(`${what}: ${(error as Error).message}`, { cause: error });
  }
  return georeference;
}

/** The OGC URN GDAL and QGIS read from a GeoJSON "crs" member. */
export const epsgUrn = (epsg: number) => `urn:ogc:def:crs:EPSG::${epsg}`;

/** Fills in a CRS the file did not state; a CRS the file states wins. */
export function withCrs(georeference: Georeference, crs: Crs | null | undefined): Georeference {
  if (georeference.crs !== null || !crs) return georeference;
  return { ...georeference, crs };
}
