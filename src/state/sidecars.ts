import { type Georeference, GeoreferenceError } from '../domain/geo/georeference';
import { crsFromPrj } from '../domain/geo/prj';
import { findSidecars, parseWorldFile } from '../domain/geo/worldfile';

const SIDECAR = /\.(jgw|jpgw|pgw|pngw|tfw|tifw|tiffw|wld|prj)$/i;

/** World files and .prj files travel with images in an import; they are read, not imported as images. */
export function splitSidecars(files: File[]): { images: File[]; sidecars: File[] } {
  const sidecars = files.filter((f) => SIDECAR.test(f.name));
  return { images: files.filter((f) => !SIDECAR.test(f.name)), sidecars };
}

/**
 * The georeference a world file (and .prj) beside this image gives, if the import brought one. A world file
 * that does not parse throws a GeoreferenceError naming the file and line; the image itself still imports.
 */
export async function georeferenceFromSidecars(image: File, sidecars: File[]): Promise<Georeference | undefined> {
  const folder = (f: File) => (f.webkitRelativePath || f.name).slice(0, -f.name.length);
  const siblings = sidecars.filter((f) => folder(f) === folder(image));
  const found = findSidecars(image.name, siblings.map((f) => f.name));
  const read = (name: string | undefined) => siblings.find((f) => f.name === name);
  const worldFile = read(found.worldFile);
  if (!worldFile) return undefined;
  const transform = parseWorldFile(await worldFile.text(), worldFile.name);
  const prj = read(found.prj);
  const crs = prj ? crsFromPrj(await prj.text(), prj.name) : null;
  return { transform, crs, source: 'worldfile' };
}

export { GeoreferenceError };
