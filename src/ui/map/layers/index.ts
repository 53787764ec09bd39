import { footprintsLayer } from './footprints';
import { objectsLayer } from './objects';
import { photosLayer } from './photos';
import { rastersLayer } from './rasters';
import type { MapLayer } from './types';
import { zonesLayer } from './zones';

/** The map's own layers, bottom to top (a basemap the user brings goes beneath them). */
export const createLayers = (): MapLayer[] => [rastersLayer(), zonesLayer(), footprintsLayer(), objectsLayer(), photosLayer()];

export type { MapContent, MapLayer } from './types';
