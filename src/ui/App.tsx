import { lazy, Suspense, useEffect } from 'react';
import { useAreas } from '../state/areas';
import { useDetection } from '../state/detection';
import { useLibrary } from '../state/library';
import { useMapView } from '../state/map-view';
import { useRaster } from '../state/raster';
import { Gallery } from './gallery/Gallery';
import { DropZone } from './importer/DropZone';
import { OfflineWatch } from './offline/OfflineWatch';
import { AppHeader } from './shell/AppHeader';
import { DialogHost } from './shell/DialogHost';
import { FilePickers } from './shell/FilePickers';
import { StatusBar } from './shell/StatusBar';
import { ToastArea } from './shell/ToastArea';
import { useActionKeys } from './actions/useAction';
import { Viewer } from './viewer/Viewer';
import './shell/shell.css';

// OpenLayers is large: the map's code loads when the map is first opened, not with the first screen.
const MapPage = lazy(() => import('./map/MapPage'));

/**
 * The frame: a slim header (project, menus, view, offline and storage state), the gallery at the left, the viewer
 * (tool rail, canvas, run panel and the image's tabs) or the map, a status bar for long work, and messages over the
 * bottom of the canvas. Dialogs are modal over all of it.
 */
export function App() {
  const mapOpen = useMapView((s) => s.open);
  useActionKeys();
  useEffect(() => {
    void useLibrary.getState().load();
    void useDetection.getState().init();
    void useRaster.getState().load();
    void useAreas.getState().load(); // an area run a reload interrupted goes on
  }, []);

  return (
    <DropZone>
      <div className="app">
        <AppHeader />
        <main className="workspace">
          <Gallery />
          {mapOpen ? (
            <Suspense fallback={<p className="meta">Loading the map…</p>}>
              <MapPage />
            </Suspense>
          ) : (
            <Viewer />
          )}
        </main>
        <StatusBar />
        <ToastArea />
        <DialogHost />
        <FilePickers />
        <OfflineWatch />
      </div>
    </DropZone>
  );
}
