// Where an image lies on the map, from what came with it: the one rule the app's import and the CLI both follow.
import { checkGeoreference, crsLabel, type Georeference } from './georeference';
import { crsFromPrj } from './prj';
import { parseWorldFile } from './worldfile';

/** A sidecar file's name (as a person would look for it) and its text. */
export interface SidecarText {
  name: string;
  text: string;
  /** How a message about where it places the image names it (default its name). */
  label?: string;
}

export interface GeoreferenceFacts {
  /** What the GeoTIFF's tags say (their CRS null when they name none); null for other files or tags without a placement. */
  tags: Georeference | null;
  /** A world file beside the image. */
  worldFile?: SidecarText;
  /** A .prj beside the image. */
  prj?: SidecarText;
  width: number;
  height: number;
}

/**
 * The GeoTIFF tags first (as GDAL reads them), else the world file; the CRS from the file itself, else from the .prj
 * beside it (for a GeoTIFF whose tags name no CRS too). A .prj that disagrees with the tags is ignored, with a note.
 * Null when nothing places the image; its CRS null when nothing names one (the caller asks for it). Throws a
 * GeoreferenceError naming the file at fault when a world file or .prj does not read, or the placement does not
 * take the whole raster to finite map coordinates.
 */
export function resolveGeoreference({ tags, worldFile, prj, width, height }: GeoreferenceFacts): { georeference: Georeference | null; notes: string[] } {
  const notes: string[] = [];
  let georeference = tags;
  let from = 'its GeoTIFF tags';
  if (!georeference && worldFile) {
    georeference = { transform: parseWorldFile(worldFile.text, worldFile.name), crs: null, source: 'worldfile' };
    from = worldFile.label ?? worldFile.name;
  }
  if (!georeference) return { georeference: null, notes };
  georeference = checkGeoreference(georeference, width, height, from);
  if (prj) {
    const crs = crsFromPrj(prj.text, prj.name);
    if (georeference.crs === null) georeference = { ...georeference, crs };
    else if (crsLabel(crs) !== crsLabel(georeference.crs)) notes.push(`${prj.name} (${crsLabel(crs)}) ignored: the GeoTIFF says ${crsLabel(georeference.crs)}`);
  }
  return { georeference, notes };
}
