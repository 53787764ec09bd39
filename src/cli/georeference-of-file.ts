import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type Crs, crsLabel, type Georeference } from '../domain/geo/georeference';
import { resolveGeoreference } from '../domain/geo/resolve';
import { checkKnownCrs, toWgs84 } from '../domain/geo/reproject';
import { crsDefinition } from '../domain/geo/crs-definitions';
import { findSidecars } from '../domain/geo/worldfile';
import type { RasterSource } from '../domain/raster-source';
import { TiffSource } from '../platform/tiff-source';

export interface GeoChoice {
  target: 'native' | 'wgs84';
  /** --crs-epsg: the CRS of images whose georeference names none. */
  crsEpsg?: number;
  /** --crs-def: a proj4 string or WKT for images that name no CRS, or an EPSG code outside the bundled table. */
  crsDefinition?: string;
}

/**
 * Where an image lies on the map, for a geo export, checked before the model runs: the GeoTIFF tags first
 * (as GDAL does), else a world file beside the image; the CRS from the file itself, else a .prj beside it,
 * else --crs-epsg. Throws with the reason a person can act on when any of that is missing, or when the CRS
 * cannot be reprojected to WGS 84 and that was asked for.
 */
export async function georeferenceOfFile(file: string, source: RasterSource, choice: GeoChoice): Promise<{ georeference: Georeference; notes: string[] }> {
  const siblings = await readdir(dirname(file)).catch(() => [] as string[]);
  const sidecars = findSidecars(basename(file), siblings);
  const sidecar = (name: string) => join(dirname(file), name);
  const text = async (name: string | undefined) => (name ? { name: sidecar(name), text: await readFile(sidecar(name), 'utf8') } : undefined);
  const tags = source instanceof TiffSource ? source.georeference() : null;
  // A GeoTIFF its tags place ignores a world file beside it: only its .prj may matter then.
  const [worldFile, prj] = await Promise.all([tags ? undefined : text(sidecars.worldFile), text(sidecars.prj)]);
  const resolved = resolveGeoreference({ tags, ...(worldFile ? { worldFile } : {}), ...(prj ? { prj } : {}), width: source.width, height: source.height });
  const notes = resolved.notes;
  let georeference = resolved.georeference;
  if (!georeference) throw new Error('no georeference (no GeoTIFF tags, no world file beside it): use --format coco, or add a world file');
  if (choice.crsEpsg !== undefined) {
    if (georeference.crs === null) georeference = { ...georeference, crs: { epsg: choice.crsEpsg } };
    else if (crsLabel(georeference.crs) !== `EPSG:${choice.crsEpsg}`) notes.push(`--crs-epsg ${choice.crsEpsg} ignored: the file says ${crsLabel(georeference.crs)}`);
  }
  if (choice.crsDefinition !== undefined) {
    const given: Crs = { wkt: choice.crsDefinition };
    const current = georeference.crs;
    if (current === null) georeference = { ...georeference, crs: given };
    else if ('epsg' in current && !crsDefinition(current.epsg)) {
      notes.push(`the file names EPSG:${current.epsg}, which is not in the bundled table: using --crs-def`);
      georeference = { ...georeference, crs: given };
    } else notes.push(`--crs-def ignored: the file says ${crsLabel(current)}`);
  }
  if (georeference.crs === null) {
    const what = georeference.source === 'worldfile' ? 'its world file names no CRS' : 'its GeoTIFF tags name no EPSG code (missing or user-defined)';
    throw new Error(`${what}: pass --crs-epsg N (e.g. --crs-epsg 25832), or put a .prj beside it`);
  }
  // Neither output may name a CRS nothing here can check: an EPSG code outside the table needs its definition.
  if (choice.target === 'wgs84') toWgs84(georeference.crs);
  else checkKnownCrs(georeference.crs);
  return { georeference, notes };
}
