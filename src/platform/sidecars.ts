import { type Georeference, GeoreferenceError } from '../domain/geo/georeference';
import { resolveGeoreference } from '../domain/geo/resolve';
import { findSidecars } from '../domain/geo/worldfile';

const SIDECAR = /\.(jgw|jpgw|pgw|pngw|tfw|tifw|tiffw|wld|prj)$/i;

/** World files and .prj files travel with images in an import; they are read, not imported as images. */
export function splitSidecars(files: File[]): { images: File[]; sidecars: File[] } {
  const sidecars = files.filter((f) => SIDECAR.test(f.name));
  return { images: files.filter((f) => !SIDECAR.test(f.name)), sidecars };
}

/**
 * Where the image lies, by resolveGeoreference (the CLI's rule too): its GeoTIFF tags (`tags`) first, else a world
 * file the import brought beside it; the CRS from the file, else a .prj beside it. A world file or .prj that does not
 * parse, or a placement that leaves the raster, throws a GeoreferenceError naming it; the image itself still imports.
 */
export async function resolveWithSidecars(image: File, sidecars: File[], tags: Georeference | null, size: { width: number; height: number }): Promise<{ georeference: Georeference | null; notes: string[] }> {
  const folder = (f: File) => (f.webkitRelativePath || f.name).slice(0, -f.name.length);
  const siblings = sidecars.filter((f) => folder(f) === folder(image));
  const found = findSidecars(image.name, siblings.map((f) => f.name));
  const read = async (name: string | undefined) => {
    const file = siblings.find((f) => f.name === name);
    return file && { name: file.name, text: await file.text() };
  };
  // A GeoTIFF whose tags place it ignores a world file beside it: only its .prj may matter then.
  const [worldFile, prj] = await Promise.all([tags ? undefined : read(found.worldFile), read(found.prj)]);
  return resolveGeoreference({ tags, ...(worldFile ? { worldFile: { ...worldFile, label: 'its world file' } } : {}), ...(prj ? { prj } : {}), ...size });
}

export { GeoreferenceError };
