/** The parts of GeoJSON (RFC 7946) the workbench writes, plus the pre-RFC "crs" member GDAL and QGIS read. */
import type { Position } from '../../geo/affine';

/** Review status of an annotation (design: suggested / accepted / rejected / edited); model output is suggested. */
export type ReviewStatus = 'suggested' | 'accepted' | 'rejected' | 'edited';

export interface GeoJsonProperties {
  label: string;
  /** Absent for annotations a person drew. */
  score: number | null;
  status: ReviewStatus;
  /** `model:<id>@<version>` or `human:<analyst>`. */
  source: string;
  image_sha256: string;
  image: string;
  /** [x, y, width, height] in image pixels, top-left origin, as in COCO. */
  pixel_bbox: [number, number, number, number];
}

export interface GeoJsonPolygon {
  type: 'Polygon';
  /** One exterior ring: 5 positions, the last equal to the first, counter-clockwise. */
  coordinates: Position[][];
}

export interface GeoJsonFeature {
  type: 'Feature';
  id: number;
  geometry: GeoJsonPolygon;
  properties: GeoJsonProperties;
}

/** GeoJSON 2008's named CRS; RFC 7946 dropped it, GDAL (and so QGIS) still honour it. */
export interface GeoJsonNamedCrs {
  type: 'name';
  properties: { name: string };
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  /** Layer name for GDAL/QGIS. */
  name?: string;
  /** Only on native-CRS output; absent means WGS 84 longitude, latitude (RFC 7946). */
  crs?: GeoJsonNamedCrs;
  features: GeoJsonFeature[];
}
