// Boxes on the map as a GeoPackage layer: one polygon per object (the box's corners through its image's affine),
// with what the analyst needs to trace it: label, score, status, source and model version, the image's SHA-256.
import { boxToRing, ensureCounterClockwise } from '../../geo/affine';
import { type Crs, crsLabel } from '../../geo/georeference';
import type { GeoAnnotation, GeoJsonImage } from '../geojson/export';
import { GeoPackageError, type GpkgField, type GpkgLayer } from './write';

/** A box with the georeferenced image it is drawn in (its box in that image's pixels). */
export interface MapObject {
  image: GeoJsonImage;
  annotation: GeoAnnotation;
  /** The stored annotation, where the object is one (absent for a model's detection). */
  annotationId?: string;
}

export const DETECTION_FIELDS: readonly GpkgField[] = [
  { name: 'label', type: 'TEXT' },
  { name: 'score', type: 'REAL' },
  { name: 'status', type: 'TEXT' },
  { name: 'source', type: 'TEXT' },
  { name: 'model_version', type: 'TEXT' },
  { name: 'image_sha256', type: 'TEXT' },
  { name: 'image', type: 'TEXT' },
  { name: 'pixel_x', type: 'REAL' },
  { name: 'pixel_y', type: 'REAL' },
  { name: 'pixel_w', type: 'REAL' },
  { name: 'pixel_h', type: 'REAL' },
];

/** The version in a source `model:<id>@<version>`; null for a person's or an import's box. */
export function modelVersionOf(source: string): string | null {
  const match = /^model:[^@]*@(.+)$/.exec(source);
  return match ? match[1]! : null;
}

const sameCrs = (a: Crs, b: Crs) => crsLabel(a) === crsLabel(b) && ('wkt' in a ? 'wkt' in b && a.wkt === b.wkt : true);

/** The CRS every object's image shares; throws naming two images when they differ, or one that names none. */
export function commonCrs(objects: readonly MapObject[]): Crs {
  let first: MapObject | undefined;
  for (const object of objects) {
    const { crs } = object.image.georeference;
    if (!crs) throw new GeoPackageError(`${object.image.fileName} names no CRS: set its EPSG code before a GeoPackage export`);
    if (!first) first = object;
    else if (!sameCrs(first.image.georeference.crs!, crs)) {
      throw new GeoPackageError(
        `${first.image.fileName} (${crsLabel(first.image.georeference.crs)}) and ${object.image.fileName} (${crsLabel(crs)}) are in different CRSs: one layer holds one CRS; export each area on its own`,
      );
    }
  }
  if (!first) throw new GeoPackageError('there are no objects to export');
  return first.image.georeference.crs!;
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** One layer with a `label` field for the class (the layout QGIS styles by category in one step). */
export function detectionsLayer(objects: readonly MapObject[], name = 'detections', crs: Crs = commonCrs(objects)): GpkgLayer {
  return {
    name,
    description: 'objects found by the workbench (label, score, review status, source, model version, image SHA-256)',
    crs,
    fields: DETECTION_FIELDS,
    features: objects.map(({ image, annotation }) => ({
      polygons: [[ensureCounterClockwise(boxToRing(image.georeference.transform, annotation.box))]],
      properties: {
        label: annotation.label,
        score: annotation.score === undefined ? null : round(annotation.score, 4),
        status: annotation.status,
        source: annotation.source,
        model_version: modelVersionOf(annotation.source),
        image_sha256: image.sha256,
        image: image.fileName,
        pixel_x: round(annotation.box.x, 2),
        pixel_y: round(annotation.box.y, 2),
        pixel_w: round(annotation.box.w, 2),
        pixel_h: round(annotation.box.h, 2),
      },
    })),
  };
}
