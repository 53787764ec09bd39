import { checkTransform, type GeoTransform } from './affine';
import { GeoreferenceError } from './georeference';

/**
 * An ESRI world file: six numbers, one per line, in the order A, D, B, E, C, F where
 *   X = A·col + B·row + C,  Y = D·col + E·row + F
 * and (col, row) = (0, 0) is the CENTRE of the top-left pixel. Returned as a GDAL-order geotransform in the
 * corner convention of affine.ts, i.e. moved back by half a pixel in both directions.
 * Blank lines after the sixth number are allowed; anything else names the file and line.
 */
export function parseWorldFile(text: string, fileName: string): GeoTransform {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const values: number[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (values.length < 6 && lines.slice(index + 1).some((l) => l.trim() !== '')) {
        throw new GeoreferenceError(`${fileName}, line ${index + 1}: empty line; a world file holds six numbers, one per line`);
      }
      return;
    }
    if (values.length === 6) throw new GeoreferenceError(`${fileName}, line ${index + 1}: "${clip(trimmed)}" after the six numbers of a world file`);
    // Number('') and Number('0x10') accept more than a world file may hold: check the form first.
    const value = /^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$/.test(trimmed) ? Number(trimmed.replace(/[dD]/, 'e')) : NaN;
    if (!Number.isFinite(value)) throw new GeoreferenceError(`${fileName}, line ${index + 1}: "${clip(trimmed)}" is not a number`);
    values.push(value);
  });
  if (values.length < 6) {
    throw new GeoreferenceError(`${fileName}: ${values.length} number${values.length === 1 ? '' : 's'}, but a world file holds six (one per line)`);
  }
  const [a, d, b, e, c, f] = values as [number, number, number, number, number, number];
  const transform: GeoTransform = [c - 0.5 * a - 0.5 * b, a, b, f - 0.5 * d - 0.5 * e, d, e];
  try {
    return checkTransform(transform);
  } catch (error) {
    throw new GeoreferenceError(`${fileName}: ${(error as Error).message}`, { cause: error });
  }
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** The world file for a transform (inverse of parseWorldFile), e.g. to write one beside an exported image. */
export function formatWorldFile(t: GeoTransform): string {
  const [x0, a, b, y0, d, e] = t;
  return [a, d, b, e, x0 + 0.5 * a + 0.5 * b, y0 + 0.5 * d + 0.5 * e].map((v) => v.toFixed(10)).join('\n') + '\n';
}

const splitName = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? { base: name, ext: '' } : { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
};

/**
 * World file extensions for an image, most specific first: the first and last letter of the image's
 * extension + "w" (.jgw, .pgw, .tfw), the whole extension + "w" (.jpgw, .tiffw), then .wld.
 */
export function worldFileExtensions(imageName: string): string[] {
  const { ext } = splitName(imageName);
  if (!ext) return ['wld'];
  const short = ext.length >= 2 ? `${ext[0]}${ext[ext.length - 1]}w` : '';
  const extra = ext === 'jpeg' ? ['jgw', 'jpgw'] : ext === 'tiff' ? ['tfw', 'tifw'] : [];
  return [...new Set([short, ...extra, `${ext}w`, 'wld'].filter(Boolean))];
}

export interface Sidecars {
  worldFile?: string;
  prj?: string;
}

/**
 * Picks the world file and .prj that belong to an image from the names in its folder, case-insensitively
 * (ORTHO.JPG with ortho.jgw and ortho.prj). Also accepts the names with the image's full name as the base
 * (ortho.jpg.prj, ortho.jpg.wld), as some tools write them.
 */
export function findSidecars(imageName: string, siblings: readonly string[]): Sidecars {
  const { base } = splitName(imageName);
  const byLower = new Map<string, string>();
  for (const name of siblings) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  const lookup = (names: string[]) => names.map((n) => byLower.get(n.toLowerCase())).find((n) => n !== undefined);
  const bases = [base, imageName];
  const worldFile = lookup(worldFileExtensions(imageName).flatMap((ext) => bases.map((b) => `${b}.${ext}`)));
  const prj = lookup(bases.map((b) => `${b}.prj`));
  return { ...(worldFile ? { worldFile } : {}), ...(prj ? { prj } : {}) };
}
