import proj4 from 'proj4';
import type { Position } from './affine';
import { bundledEpsgList, crsDefinition } from './crs-definitions';
import type { Crs } from './georeference';

export class UnsupportedCrsError extends Error {
  override name = 'UnsupportedCrsError';
}

const WGS84 = crsDefinition(4326)!.proj4;

/**
 * Throws UnsupportedCrsError for an EPSG code outside the bundled table: nothing here can check what it means,
 * so no export names it. A CRS given by its definition (WKT, proj4) passes.
 */
export function checkKnownCrs(crs: Crs): Crs {
  if ('epsg' in crs && !crsDefinition(crs.epsg)) {
    throw new UnsupportedCrsError(
      `EPSG:${crs.epsg} is not among the bundled definitions (${bundledEpsgList()}); give its definition instead (a .prj with its WKT, or a proj4 string)`,
    );
  }
  return crs;
}

/** The proj definition for a CRS: from the bundled table for an EPSG code, else the WKT or proj4 string itself. */
function definitionOf(crs: Crs): string {
  checkKnownCrs(crs);
  return 'wkt' in crs ? crs.wkt : crsDefinition(crs.epsg)!.proj4;
}

/**
 * A function taking map coordinates in `crs` to WGS 84 longitude, latitude (degrees, GeoJSON order).
 * Made once per CRS, so it throws here, not per point: UnsupportedCrsError for an EPSG code outside the
 * bundled table or a WKT proj4 cannot read.
 */
export function toWgs84(crs: Crs): (position: Position) => Position {
  const definition = definitionOf(crs);
  let converter: proj4.Converter;
  try {
    converter = proj4(definition, WGS84);
  } catch (error) {
    throw new UnsupportedCrsError(`cannot reproject from this definition (${(error as Error).message}); export in the native CRS instead`, {
      cause: error,
    });
  }
  return (position) => {
    const [lon, lat] = converter.forward([position[0], position[1]]);
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new UnsupportedCrsError(`${position[0]}, ${position[1]} has no WGS 84 position (outside the CRS's area?)`);
    }
    return [lon!, lat!];
  };
}

export { isGeographic } from './geographic';

/**
 * A function taking map coordinates in `from` to `to` (a polygon layer into the rasters' CRS). Made once per
 * pair, so it throws here: UnsupportedCrsError for a CRS outside the bundled table or a WKT proj4 cannot read.
 */
export function transformBetween(from: Crs, to: Crs): (position: Position) => Position {
  const [a, b] = [definitionOf(from), definitionOf(to)];
  if (a === b) return (position) => position;
  let converter: proj4.Converter;
  try {
    converter = proj4(a, b);
  } catch (error) {
    throw new UnsupportedCrsError(`cannot reproject between these CRSs (${(error as Error).message})`, { cause: error });
  }
  return (position) => {
    const [x, y] = converter.forward([position[0], position[1]]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new UnsupportedCrsError(`${position[0]}, ${position[1]} cannot be reprojected (outside the CRS's area?)`);
    return [x!, y!];
  };
}
