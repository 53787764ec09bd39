// The GeoTIFF tags of one TIFF image, read raw through geotiff.js; domain/geo/geotiff-tags.ts makes sense of them.
import type { GeoTIFFImage } from 'geotiff';
import { georeferenceFromGeoTiffTags, TAG, type GeoTiffTagValues } from '../domain/geo/geotiff-tags';
import type { Georeference } from '../domain/geo/georeference';

async function numbers(image: GeoTIFFImage, tag: number): Promise<number[] | undefined> {
  const fd = image.getFileDirectory();
  if (!fd.hasTag(tag)) return undefined;
  const value: unknown = await fd.loadValue(tag);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'number' ? [value] : Array.from(value as ArrayLike<number>, Number);
}

export async function readGeoTiffTags(image: GeoTIFFImage): Promise<GeoTiffTagValues> {
  const fd = image.getFileDirectory();
  const ascii: unknown = fd.hasTag(TAG.GeoAsciiParams) ? await fd.loadValue(TAG.GeoAsciiParams) : undefined;
  const entries: [keyof GeoTiffTagValues, number[] | string | undefined][] = [
    ['modelPixelScale', await numbers(image, TAG.ModelPixelScale)],
    ['modelTiepoint', await numbers(image, TAG.ModelTiepoint)],
    ['modelTransformation', await numbers(image, TAG.ModelTransformation)],
    ['geoKeyDirectory', await numbers(image, TAG.GeoKeyDirectory)],
    ['geoDoubleParams', await numbers(image, TAG.GeoDoubleParams)],
    ['geoAsciiParams', typeof ascii === 'string' ? ascii : Array.isArray(ascii) ? ascii.join('') : undefined],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as GeoTiffTagValues;
}

/**
 * What the image's GeoTIFF tags say, read once when the TIFF is opened: a Georeference, null for a plain
 * TIFF, or the error malformed tags gave (kept, so the pixels still read and only a geo export fails).
 */
export async function readTiffGeoreference(image: GeoTIFFImage): Promise<Georeference | null | Error> {
  try {
    return georeferenceFromGeoTiffTags(await readGeoTiffTags(image));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
