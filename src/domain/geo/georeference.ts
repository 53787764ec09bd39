import type { GeoTransform } from './affine';

/** A coordinate reference system, by EPSG code where one is known, else as the WKT a .prj held. */
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
  crs === null ? 'no CRS' : 'epsg' in crs ? `EPSG:${crs.epsg}` : `WKT ${crs.wkt.slice(0, 40)}${crs.wkt.length > 40 ? '…' : ''}`;

/** The OGC URN GDAL and QGIS read from a GeoJSON "crs" member. */
export const epsgUrn = (epsg: number) => `urn:ogc:def:crs:EPSG::${epsg}`;

/** Fills in a CRS the file did not state; a CRS the file states wins. */
export function withCrs(georeference: Georeference, crs: Crs | null | undefined): Georeference {
  if (georeference.crs !== null || !crs) return georeference;
  return { ...georeference, crs };
}
