import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import { defaults as defaultControls, ScaleLine } from 'ol/control.js';
import { type Extent, boundingExtent, createEmpty, extend, isEmpty } from 'ol/extent.js';
import { fromLonLat, transformExtent } from 'ol/proj.js';
import { type RefObject, useEffect, useRef, useState } from 'react';
import type { MapObject } from '../../domain/formats/gpkg/detections';
import { pixelToMap } from '../../domain/geo/affine';
import type { Basemap } from './layers/basemap';
import { basemapLayer } from './layers/basemap';
import { createLayers, type MapContent, type MapLayer } from './layers';
import { projectionOf } from './projections';

export interface MapState {
  center: [number, number];
  resolution: number;
}

/** The footprints' extent in the view's projection. */
function contentExtent(content: MapContent): Extent {
  const extent = createEmpty();
  for (const image of content.images) {
    const geo = image.georeference;
    if (!geo?.crs) continue;
    const corners = [pixelToMap(geo.transform, 0, 0), pixelToMap(geo.transform, image.width, image.height)];
    const own: Extent = [Math.min(corners[0]![0], corners[1]![0]), Math.min(corners[0]![1], corners[1]![1]), Math.max(corners[0]![0], corners[1]![0]), Math.max(corners[0]![1], corners[1]![1])];
    extend(extent, transformExtent(own, projectionOf(geo.crs), content.projection));
  }
  for (const image of content.images) {
    const gps = image.exif?.gps;
    if (gps) extend(extent, boundingExtent([fromLonLat([gps.lon, gps.lat], content.projection)]));
  }
  return extent;
}

/**
 * An OpenLayers map in `target`, in the project's CRS, with the layers of layers/index.ts kept in step with
 * `content`; fitted to the footprints and GPS points when first drawn. Calls back with the object or photo clicked and the pointer's
 * coordinate (in the view's CRS).
 */
export function useOlMap(
  target: RefObject<HTMLDivElement | null>,
  content: MapContent,
  basemap: Basemap | null,
  onPick: (object: MapObject) => void,
  onPhoto: (imageSha256: string) => void,
  onPointer: (coordinate: [number, number] | null) => void,
): MapState | null {
  const map = useRef<OlMap | null>(null);
  const layers = useRef<MapLayer[]>([]);
  const [state, setState] = useState<MapState | null>(null);
  const callbacks = useRef({ onPick, onPhoto, onPointer });
  useEffect(() => {
    callbacks.current = { onPick, onPhoto, onPointer };
  });

  const { projection } = content;
  useEffect(() => {
    if (!target.current) return undefined;
    const own = createLayers();
    layers.current = own;
    const view = new View({ projection, constrainResolution: false });
    const olMap = new OlMap({ target: target.current, layers: own.map((l) => l.layer), view, controls: defaultControls({ attribution: false }).extend([new ScaleLine()]) });
    map.current = olMap;
    const report = () => {
      const center = view.getCenter();
      const resolution = view.getResolution();
      if (center && resolution) setState({ center: [center[0]!, center[1]!], resolution });
    };
    olMap.on('moveend', report);
    olMap.on('pointermove', (e) => callbacks.current.onPointer(e.dragging ? null : [e.coordinate[0]!, e.coordinate[1]!]));
    olMap.getViewport()?.addEventListener('pointerleave', () => callbacks.current.onPointer(null));
    olMap.on('singleclick', (e) => {
      const hits = olMap.getFeaturesAtPixel(e.pixel, { hitTolerance: 3, layerFilter: (l) => l === own.find((o) => o.id === 'objects')?.layer });
      // The smallest box under the pointer: a car inside a larger car park box is the one meant.
      const objects = hits.map((f) => f.get('object') as MapObject).filter(Boolean);
      objects.sort((a, b) => a.annotation.box.w * a.annotation.box.h - b.annotation.box.w * b.annotation.box.h);
      if (objects[0]) return callbacks.current.onPick(objects[0]);
      const photo = olMap.getFeaturesAtPixel(e.pixel, { hitTolerance: 4, layerFilter: (l) => l === own.find((o) => o.id === 'photos')?.layer })[0];
      if (photo) callbacks.current.onPhoto(photo.get('imageSha256') as string);
    });
    return () => {
      olMap.setTarget(undefined);
      own.forEach((l) => l.dispose?.());
      map.current = null;
    };
  }, [target, projection]);

  const fitted = useRef<string | null>(null);
  useEffect(() => {
    const olMap = map.current;
    if (!olMap) return;
    for (const layer of layers.current) layer.update(content);
    const extent = contentExtent(content);
    if (fitted.current !== projection && !isEmpty(extent)) {
      fitted.current = projection;
      olMap.getView().fit(extent, { padding: [24, 24, 24, 24] });
    }
  }, [content, projection]);

  useEffect(() => {
    const olMap = map.current;
    if (!olMap || !basemap) return undefined;
    const layer = basemapLayer(basemap);
    olMap.addLayer(layer.layer);
    return () => {
      olMap.removeLayer(layer.layer);
      layer.dispose?.();
    };
  }, [basemap, projection]);

  return state;
}
