import 'ol/ol.css';
import './map.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MapObject } from '../../domain/formats/gpkg/detections';
import { useAreas } from '../../state/areas';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { projectCrs, useMapData } from '../../state/map-data';
import { useMapView } from '../../state/map-view';
import { useZones } from '../../state/zones';
import { AreaPanel } from './AreaPanel';
import { BasemapPicker } from './BasemapPicker';
import type { Basemap } from './layers/basemap';
import { RunPanel } from '../run/RunPanel';
import { PointerReadout } from './PointerReadout';
import { projectionOf } from './projections';
import { useOlMap } from './useOlMap';
import { ZonesPanel } from './ZonesPanel';
import { shownKeys } from '../actions/useAction';

/** The map of the project: images where they lie, objects on them, areas to detect, zones to count in. */
export default function MapPage() {
  const images = useLibrary((s) => s.images);
  const areas = useAreas((s) => s.areas);
  const runs = useAreas((s) => s.runs);
  const results = useDetection((s) => s.results);
  const threshold = useDetection((s) => s.scoreThreshold);
  const objects = useMapData((s) => s.objects);
  const zones = useZones((s) => s.layer);
  const counts = useZones((s) => s.counts);
  const [pointer, setPointer] = useState<[number, number] | null>(null);
  const [basemap, setBasemap] = useState<Basemap | null>(null);
  const target = useRef<HTMLDivElement>(null);
  // Photos placed only by their EXIF GPS have no CRS of their own: they are shown on Web Mercator.
  const crs = projectCrs(areas) ?? (images.some((i) => i.exif?.gps) ? { epsg: 3857 } : null);
  const projection = crs ? projectionOf(crs) : null;

  useEffect(() => {
    void useAreas.getState().load();
    void useZones.getState().load();
  }, []);
  useEffect(() => {
    void useMapData.getState().refresh();
  }, [images, runs, results, threshold]);

  const content = useMemo(() => ({ projection: projection ?? 'EPSG:3857', images, objects, zones, counts }), [projection, images, objects, zones, counts]);
  const pick = useCallback((object: MapObject) => {
    useMapView.getState().openAt({ imageSha256: object.image.sha256, box: object.annotation.box, ...(object.annotationId ? { annotationId: object.annotationId } : {}) });
  }, []);
  const openPhoto = useCallback((imageSha256: string) => {
    useMapView.getState().setOpen(false);
    useLibrary.getState().select(imageSha256);
  }, []);
  const state = useOlMap(target, content, basemap, pick, openPhoto, setPointer);

  return (
    <section className="map-page" aria-label="Map">
      <div className="map-column">
        <div
          className="map"
          ref={target}
          data-testid="map"
          data-projection={projection ?? ''}
          data-center={state ? state.center.join(',') : ''}
          data-resolution={state ? String(state.resolution) : ''}
        />
        {crs ? <PointerReadout crs={crs} at={pointer} /> : <p className="map-pointer">No georeferenced image with a CRS yet.</p>}
      </div>
      <aside className="side" aria-label="Run and map details">
        <RunPanel />
        <div className="map-side">
          <p className="meta">
            Click a box to open its image there, a dot (a photo&apos;s GPS position) to open the photo.{' '}
            <button type="button" className="link" onClick={() => useMapView.getState().setOpen(false)}>
              Back to the image
            </button>{' '}
            ({shownKeys('map')})
          </p>
          <BasemapPicker basemap={basemap} onChange={setBasemap} />
          <AreaPanel />
          <ZonesPanel />
        </div>
      </aside>
    </section>
  );
}
