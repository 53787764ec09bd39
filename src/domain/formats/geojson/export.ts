import type { Detection } from '../../detection';
import type { BBox } from '../../geometry';
import { boxToRing, ensureCounterClockwise, type Position } from '../../geo/affine';
import { type Crs, crsLabel, epsgUrn, type Georeference } from '../../geo/georeference';
import { checkKnownCrs, isGeographic, toWgs84 } from '../../geo/reproject';
import type { GeoJsonFeature, GeoJsonFeatureCollection, ReviewStatus } from './types';

/** A box to export with what is known about it: a model's detection or a person's annotation. */
export interface GeoAnnotation {
  label: string;
  score?: number;
  status: ReviewStatus;
  source: string;
  box: BBox;
}

export interface GeoJsonImage {
  fileName: string;
  sha256: string;
  georeference: Georeference;
}

export interface GeoJsonEntry {
  image: GeoJsonImage;
  annotations: readonly GeoAnnotation[];
}

/** `native`: the raster's own CRS, stated in a "crs" member; `wgs84`: RFC 7946 longitude, latitude. */
export type GeoJsonTarget = 'native' | 'wgs84';

export class GeoJsonExportError extends Error {
  override name = 'GeoJsonExportError';
}

/** ~1 cm on the ground in degrees, 1 mm in metres. */
const DEGREE_DECIMALS = 7;
const METRE_DECIMALS = 3;

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** A model's detections as annotations: status suggested, source model:<id>@<version>. */
export function detectionsToAnnotations(detections: readonly Detection[], model: { id: string; version: string }): GeoAnnotation[] {
  return detections.map(({ label, score, box }) => ({ label, score, status: 'suggested', source: `model:${model.id}@${model.version}`, box }));
}

function crsOf(image: GeoJsonImage): Crs {
  const { crs } = image.georeference;
  if (!crs) throw new GeoJsonExportError(`${image.fileName}: the georeference names no CRS; choose one (an EPSG code or a .prj) before a geo export`);
  try {
    return checkKnownCrs(crs);
  } catch (error) {
    throw new GeoJsonExportError(`${image.fileName}: ${(error as Error).message}`, { cause: error });
  }
}

const sameCrs = (a: Crs, b: Crs) => ('epsg' in a && 'epsg' in b ? a.epsg === b.epsg : 'wkt' in a && 'wkt' in b && a.wkt === b.wkt);

/**
 * One FeatureCollection for the entries: each box a Polygon whose ring is the box's four corners through the
 * image's affine (rotated rasters give rotated quadrilaterals), closed, counter-clockwise. For `wgs84` the
 * corners are reprojected with proj4 and there is no "crs" member (RFC 7946); for `native` every image must be
 * in the same CRS, which the "crs" member names (by EPSG URN, or as WKT when the .prj gave no code).
 * Feature ids run 1..N in entry order.
 */
export function toGeoJson(entries: readonly GeoJsonEntry[], target: GeoJsonTarget, name?: string): GeoJsonFeatureCollection {
  const crss = entries.map(({ image }) => crsOf(image));
  const native = crss[0];
  if (target === 'native' && native) {
    const other = crss.findIndex((crs) => !sameCrs(crs, native));
    if (other >= 0) {
      const [a, b] = [entries[0]!.image, entries[other]!.image];
      throw new GeoJsonExportError(
        `${a.fileName} (${crsLabel(native)}) and ${b.fileName} (${crsLabel(crss[other]!)}) are in different CRSs: export them to separate files, or in WGS 84`,
      );
    }
  }
  const features: GeoJsonFeature[] = [];
  entries.forEach(({ image, annotations }, i) => {
    const crs = crss[i]!;
    const project = target === 'wgs84' ? toWgs84(crs) : (p: Position) => p;
    const decimals = target === 'wgs84' || isGeographic(crs) ? DEGREE_DECIMALS : METRE_DECIMALS;
    for (const annotation of annotations) {
      const ring = ensureCounterClockwise(boxToRing(image.georeference.transform, annotation.box).map(project));
      // JSON writes a non-finite number as null: refuse rather than write a polygon nobody can place.
      if (!ring.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))) {
        throw new GeoJsonExportError(`${image.fileName}: the box at x ${annotation.box.x}, y ${annotation.box.y} has no finite map position (check the georeference)`);
      }
      features.push({
        type: 'Feature',
        id: features.length + 1,
        geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [round(x, decimals), round(y, decimals)])] },
        properties: {
          label: annotation.label,
          score: annotation.score === undefined ? null : round(annotation.score, 4),
          status: annotation.status,
          source: annotation.source,
          image_sha256: image.sha256,
          image: image.fileName,
          pixel_bbox: pixelBox(annotation.box),
        },
      });
    }
  });
  const crsMember = target === 'native' && native ? { crs: { type: 'name' as const, properties: { name: crsName(native) } } } : {};
  return { type: 'FeatureCollection', ...(name ? { name } : {}), ...crsMember, features };
}

/** GDAL reads the name with its SetFromUserInput, which takes an EPSG URN or a WKT string alike. */
const crsName = (crs: Crs) => ('epsg' in crs ? epsgUrn(crs.epsg) : crs.wkt);

/** Rounds the corners rather than x and w, as the COCO export does. */
function pixelBox({ x, y, w, h }: BBox): [number, number, number, number] {
  const [x1, y1, x2, y2] = [x, y, x + w, y + h].map((v) => round(v, 2)) as [number, number, number, number];
  return [x1, y1, round(x2 - x1, 2), round(y2 - y1, 2)];
}

/** One collection per label, in order of first appearance; feature ids and the crs member are kept. */
export function splitByClass(collection: GeoJsonFeatureCollection): Map<string, GeoJsonFeatureCollection> {
  const byLabel = new Map<string, GeoJsonFeatureCollection>();
  for (const feature of collection.features) {
    const label = feature.properties.label;
    let part = byLabel.get(label);
    if (!part) {
      const name = collection.name ? `${collection.name} ${label}` : label;
      part = { type: 'FeatureCollection', name, ...(collection.crs ? { crs: collection.crs } : {}), features: [] };
      byLabel.set(label, part);
    }
    part.features.push(feature);
  }
  return byLabel;
}
