// GeoTIFF georeferencing (OGC GeoTIFF 1.1, the same in the older 1.0 spec) from the raw tag values, so the
// rules are ours and testable without a TIFF: the caller reads the tags and hands their values over.
import { checkTransform, type GeoTransform } from './affine';
import { type Crs, type Georeference, GeoreferenceError } from './georeference';

export const TAG = {
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GeoDoubleParams: 34736,
  GeoAsciiParams: 34737,
} as const;

export const GEO_KEY = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GeographicType: 2048,
  ProjectedCSType: 3072,
} as const;

const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
/** 0 undefined, 32767 user-defined: neither names a CRS we can look up. */
const isEpsgCode = (code: number | undefined): code is number => code !== undefined && code > 0 && code < 32767;

export interface GeoTiffTagValues {
  modelPixelScale?: readonly number[];
  modelTiepoint?: readonly number[];
  modelTransformation?: readonly number[];
  geoKeyDirectory?: readonly number[];
  geoDoubleParams?: readonly number[];
  geoAsciiParams?: string;
}

export type GeoKeyValue = number | readonly number[] | string;

/**
 * The GeoKeyDirectory: a header of 4 shorts (version 1, revision, minor revision, key count), then per key
 * (id, tag location, count, value or offset). Location 0: the value is in the entry itself; 34736: `count`
 * doubles from GeoDoubleParams at the offset; 34737: `count` characters from GeoAsciiParams (ending in '|').
 */
export function parseGeoKeyDirectory(tags: GeoTiffTagValues): Map<number, GeoKeyValue> {
  const dir = tags.geoKeyDirectory ?? [];
  const keys = new Map<number, GeoKeyValue>();
  if (dir.length === 0) return keys;
  if (dir.length < 4) throw new GeoreferenceError(`GeoKeyDirectory has ${dir.length} values, fewer than its 4-value header`);
  const count = dir[3]!;
  if (dir.length < 4 + count * 4) throw new GeoreferenceError(`GeoKeyDirectory announces ${count} keys but holds ${(dir.length - 4) / 4}`);
  for (let i = 0; i < count; i++) {
    const [id, location, n, offset] = dir.slice(4 + i * 4, 8 + i * 4) as [number, number, number, number];
    if (location === 0) keys.set(id, offset);
    else if (location === TAG.GeoDoubleParams) {
      const doubles = tags.geoDoubleParams ?? [];
      if (offset + n > doubles.length) throw new GeoreferenceError(`GeoKey ${id} points past the end of GeoDoubleParams`);
      keys.set(id, n === 1 ? doubles[offset]! : doubles.slice(offset, offset + n));
    } else if (location === TAG.GeoAsciiParams) {
      const ascii = tags.geoAsciiParams ?? '';
      if (offset + n > ascii.length + 1) throw new GeoreferenceError(`GeoKey ${id} points past the end of GeoAsciiParams`);
      keys.set(id, ascii.slice(offset, offset + n).replace(/\|$/, ''));
    } else if (location === TAG.GeoKeyDirectory) {
      keys.set(id, dir.slice(offset, offset + n));
    }
  }
  return keys;
}

const numberKey = (keys: Map<number, GeoKeyValue>, id: number) => {
  const value = keys.get(id);
  return typeof value === 'number' ? value : undefined;
};

/**
 * The EPSG code of the raster's CRS: ProjectedCSTypeGeoKey for a projected model, GeographicTypeGeoKey for a
 * geographic one. A projected model whose projected code is user-defined has no CRS we can name, even when
 * the geographic code beneath it is known: its coordinates are metres, not degrees.
 */
export function crsFromGeoKeys(keys: Map<number, GeoKeyValue>): Crs | null {
  const model = numberKey(keys, GEO_KEY.GTModelType);
  const projected = numberKey(keys, GEO_KEY.ProjectedCSType);
  const geographic = numberKey(keys, GEO_KEY.GeographicType);
  if (model === MODEL_PROJECTED || (model === undefined && projected !== undefined)) return isEpsgCode(projected) ? { epsg: projected } : null;
  if (model === MODEL_GEOGRAPHIC || model === undefined) return isEpsgCode(geographic) ? { epsg: geographic } : null;
  return null;
}

function transformFromTags(tags: GeoTiffTagValues): GeoTransform | null {
  const matrix = tags.modelTransformation;
  if (matrix && matrix.length > 0) {
    if (matrix.length !== 16) throw new GeoreferenceError(`ModelTransformation has ${matrix.length} values, not 16`);
    // Row-major 4 × 4: X = m0·I + m1·J + m3, Y = m4·I + m5·J + m7.
    return [matrix[3]!, matrix[0]!, matrix[1]!, matrix[7]!, matrix[4]!, matrix[5]!];
  }
  const tie = tags.modelTiepoint;
  const scale = tags.modelPixelScale;
  if (!tie || tie.length === 0) return null;
  if (tie.length % 6 !== 0) throw new GeoreferenceError(`ModelTiepoint has ${tie.length} values, not a multiple of 6`);
  if (!scale || scale.length < 2) {
    const points = tie.length / 6;
    throw new GeoreferenceError(`ModelTiepoint without ModelPixelScale (${points} ground control point${points === 1 ? '' : 's'}) is not supported`);
  }
  // Raster point (I, J) lies at model point (X, Y); Y grows north while rows grow south, hence −Sy.
  const [i, j, , x, y] = tie as [number, number, number, number, number];
  const [sx, sy] = scale as [number, number];
  return [x - i * sx, sx, 0, y + j * sy, 0, -sy];
}

/**
 * The georeference GeoTIFF tags describe, or null when there is no ModelTransformation or ModelTiepoint.
 * PixelIsArea (the default) puts raster (0, 0) at the outer corner of the first pixel, as affine.ts does;
 * PixelIsPoint puts it at that pixel's centre, so the transform moves half a pixel back (as GDAL does).
 * Throws GeoreferenceError for tags that are present but malformed.
 */
export function georeferenceFromGeoTiffTags(tags: GeoTiffTagValues): Georeference | null {
  let transform = transformFromTags(tags);
  if (!transform) return null;
  const keys = parseGeoKeyDirectory(tags);
  if (numberKey(keys, GEO_KEY.GTRasterType) === RASTER_PIXEL_IS_POINT) {
    const [x0, a, b, y0, d, e] = transform;
    transform = [x0 - 0.5 * a - 0.5 * b, a, b, y0 - 0.5 * d - 0.5 * e, d, e];
  }
  try {
    checkTransform(transform);
  } catch (error) {
    throw new GeoreferenceError(`GeoTIFF tags: ${(error as Error).message}`, { cause: error });
  }
  return { transform, crs: crsFromGeoKeys(keys), source: 'geotiff' };
}
