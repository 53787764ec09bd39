import { download } from '../platform/download';
import { aboveThreshold } from '../domain/detection';
import type { GeoJsonTarget } from '../domain/formats/geojson/export';
import type { ImageRecord } from '../domain/image';
import type { PredictionRecord } from '../domain/prediction';

/**
 * The shown detections of one georeferenced image as GeoJSON polygons, in the raster's CRS or in WGS 84.
 * Throws with a message for the user when the CRS is missing or cannot be reprojected.
 */
export async function exportGeoJson(image: ImageRecord, result: PredictionRecord, scoreThreshold: number, target: GeoJsonTarget): Promise<void> {
  if (!image.georeference) throw new Error(`${image.fileName} has no georeference`);
  // Loaded on first export: it brings proj4, which the first screen does not need.
  const { detectionsToAnnotations, toGeoJson } = await import('../domain/formats/geojson/export');
  const detections = aboveThreshold(result.detections, scoreThreshold);
  const annotations = detectionsToAnnotations(detections, { id: result.modelId, version: result.modelVersion });
  const image_ = { fileName: image.fileName, sha256: image.sha256, georeference: image.georeference };
  const collection = toGeoJson([{ image: image_, annotations }], target, image.fileName);
  const base = image.fileName.replace(/\.[^.]+$/, '');
  download(new Blob([`${JSON.stringify(collection, null, 2)}\n`], { type: 'application/geo+json' }), `${base}${target === 'wgs84' ? '.wgs84' : ''}.geojson`);
}
