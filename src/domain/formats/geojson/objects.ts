import type { MapObject } from '../gpkg/detections';
import { type GeoJsonEntry, type GeoJsonTarget, toGeoJson } from './export';

/** Objects on the map (an area's detections, reviewed boxes) as one GeoJSON FeatureCollection, grouped by image. */
export function objectsToGeoJson(objects: readonly MapObject[], target: GeoJsonTarget, name?: string) {
  const entries = new Map<string, GeoJsonEntry & { annotations: MapObject['annotation'][] }>();
  for (const { image, annotation } of objects) {
    const entry = entries.get(image.sha256) ?? entries.set(image.sha256, { image, annotations: [] }).get(image.sha256)!;
    entry.annotations.push(annotation);
  }
  return toGeoJson([...entries.values()], target, name);
}
