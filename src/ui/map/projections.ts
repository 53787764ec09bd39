// OpenLayers learns the bundled CRSs (and any a .prj gave) from proj4, so it draws rasters and boxes of every
// area in the project's CRS and reprojects what lies in another one. Nothing is looked up online.
import { register } from 'ol/proj/proj4.js';
import proj4 from 'proj4';
import { CRS_DEFINITIONS } from '../../domain/geo/crs-definitions';
import type { Crs } from '../../domain/geo/georeference';
import { areaKey } from '../../domain/geo/area';

let registered = false;
const custom = new Set<string>();

/** The OpenLayers projection code of a CRS (EPSG:n, or a code made for a WKT), defined with proj4 on first use. */
export function projectionOf(crs: Crs): string {
  if (!registered) {
    for (const d of CRS_DEFINITIONS) if (!proj4.defs(`EPSG:${d.epsg}`)) proj4.defs(`EPSG:${d.epsg}`, d.proj4);
    registered = true;
    register(proj4);
  }
  if ('epsg' in crs) {
    if (!proj4.defs(`EPSG:${crs.epsg}`)) throw new Error(`EPSG:${crs.epsg} is not among the bundled definitions: the map cannot draw it`);
    return `EPSG:${crs.epsg}`;
  }
  const code = `WKT:${areaKey([crs.wkt])}`;
  if (!custom.has(code)) {
    proj4.defs(code, crs.wkt);
    custom.add(code);
    register(proj4);
  }
  return code;
}
