import type { Crs } from './georeference';
import { crsDefinition } from './crs-definitions';

/**
 * Whether the CRS's coordinates are degrees (rounding and plausibility depend on it). Apart from reproject.ts so
 * the viewer's pointer readout does not load proj4.
 */
export function isGeographic(crs: Crs): boolean {
  if ('wkt' in crs) return /^\s*(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\b|^\s*\+proj=(longlat|latlong|lonlat|latlon)\b/i.test(crs.wkt);
  // Outside the table, EPSG's geographic 2D systems are 4001–4999.
  return crsDefinition(crs.epsg)?.geographic ?? (crs.epsg > 4000 && crs.epsg < 5000);
}
