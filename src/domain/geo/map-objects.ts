// What the map draws and what is counted and exported: per image, a person's boxes where there are any, else the
// area run's detections given to that image, else the image's own detections. One image's objects never come
// from two of these, so an object is not counted twice.
import { type Annotation, isImageTag } from '../annotation';
import type { AreaRun } from '../area-run';
import type { Detection } from '../detection';
import type { MapObject } from '../formats/gpkg/detections';
import type { GeoJsonImage } from '../formats/geojson/export';
import type { Georeference } from './georeference';

export interface MapImage {
  sha256: string;
  fileName: string;
  georeference?: Georeference;
}

export interface MapSources {
  images: readonly MapImage[];
  annotations: ReadonlyMap<string, readonly Annotation[]>;
  /** Finished area runs of the current model and setting. */
  areaRuns: readonly AreaRun[];
  /** The current run's results, by image. */
  predictions: Readonly<Record<string, { detections: Detection[]; modelId: string; modelVersion: string }>>;
  scoreThreshold: number;
}

export function mapObjects({ images, annotations, areaRuns, predictions, scoreThreshold }: MapSources): MapObject[] {
  const fromAreas = new Map<string, MapObject['annotation'][]>();
  for (const run of areaRuns) {
    if (run.status !== 'finished' || !run.detections) continue;
    const source = `model:${run.modelId}@${run.modelVersion}` as const;
    for (const d of run.detections) {
      if (d.score < scoreThreshold) continue;
      const list = fromAreas.get(d.imageSha256) ?? fromAreas.set(d.imageSha256, []).get(d.imageSha256)!;
      list.push({ label: d.label, score: d.score, status: 'suggested', source, box: d.imageBox });
    }
  }
  const objects: MapObject[] = [];
  for (const image of images) {
    if (!image.georeference?.crs) continue;
    const geo: GeoJsonImage = { fileName: image.fileName, sha256: image.sha256, georeference: image.georeference };
    const boxes = (annotations.get(image.sha256) ?? []).filter(
      (a) => !isImageTag(a) && a.status !== 'rejected' && (a.status !== 'suggested' || (a.score ?? 1) >= scoreThreshold),
    );
    const reviewed = (annotations.get(image.sha256) ?? []).some((a) => !isImageTag(a));
    if (reviewed) {
      for (const a of boxes) objects.push({ image: geo, annotation: { label: a.label, ...(a.score !== undefined ? { score: a.score } : {}), status: a.status, source: a.source, box: a.shape.box }, annotationId: a.id });
      continue;
    }
    const area = fromAreas.get(image.sha256);
    if (area) {
      for (const annotation of area) objects.push({ image: geo, annotation });
      continue;
    }
    const prediction = predictions[image.sha256];
    if (!prediction) continue;
    const source = `model:${prediction.modelId}@${prediction.modelVersion}` as const;
    for (const d of prediction.detections) {
      if (d.score >= scoreThreshold) objects.push({ image: geo, annotation: { label: d.label, score: d.score, status: 'suggested', source, box: d.box } });
    }
  }
  return objects;
}
