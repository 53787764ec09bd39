import { create } from 'zustand';
import type { Area } from '../domain/geo/area';
import type { MapObject } from '../domain/formats/gpkg/detections';
import type { Crs } from '../domain/geo/georeference';
import { mapObjects } from '../domain/geo/map-objects';
import { annotationsOfMany, getDisplayBlob, getThumbnail } from '../storage';
import { useAreas } from './areas';
import { useDetection } from './detection';
import { useLibrary } from './library';
import { database, errorMessage } from './project-context';

interface MapDataState {
  /** Every georeferenced image's objects (see domain/geo/map-objects.ts), at the current Min score. */
  objects: MapObject[];
  error: string | null;
  refresh(): Promise<void>;
}

let generation = 0;

export const useMapData = create<MapDataState>((set) => ({
  objects: [],
  error: null,
  async refresh() {
    const mine = ++generation;
    try {
      const images = useLibrary.getState().images.filter((i) => i.georeference?.crs);
      const lists = await annotationsOfMany(await database(), images.map((i) => i.sha256));
      const annotations = new Map(images.map((image, i) => [image.sha256, lists[i]!]));
      const { results, scoreThreshold } = useDetection.getState();
      const objects = mapObjects({ images, annotations, areaRuns: Object.values(useAreas.getState().runs), predictions: results, scoreThreshold });
      if (mine === generation) set({ objects, error: null });
    } catch (error) {
      if (mine === generation) set({ error: errorMessage(error) });
    }
  },
}));

/** The CRS the map is drawn in: the one of the area with most files (the others are reprojected to it). */
export function projectCrs(areas: readonly Area[]): Crs | null {
  const biggest = [...areas].sort((a, b) => b.members.length - a.members.length)[0];
  return biggest?.crs ?? null;
}

/** An area's objects: those of its files. */
export function objectsOfArea(objects: readonly MapObject[], area: Area): MapObject[] {
  const members = new Set(area.members.map((m) => m.sha256));
  return objects.filter((o) => members.has(o.image.sha256));
}

/** A stored image's thumbnail, or what the viewer shows (a TIFF's 2048-px preview, else the original), decoded. */
export async function storedBitmap(sha256: string, kind: 'thumbnail' | 'display'): Promise<ImageBitmap> {
  const db = await database();
  const blob = kind === 'thumbnail' ? await getThumbnail(db, sha256) : await getDisplayBlob(db, sha256);
  if (!blob) throw new Error(`the ${kind} of ${sha256.slice(0, 12)}… is missing from storage`);
  return createImageBitmap(blob);
}
