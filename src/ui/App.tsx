import { lazy, Suspense, useEffect } from 'react';
import { useAreas } from '../state/areas';
import { useDetection } from '../state/detection';
import { useLibrary } from '../state/library';
import { useMapView } from '../state/map-view';
import { useRaster } from '../state/raster';
import { DetectBar } from './batch/DetectBar';
import { LargeRunDialog } from './batch/LargeRunDialog';
import { ThresholdSlider } from './batch/ThresholdSlider';
import { TilingControl } from './batch/TilingControl';
import { Gallery } from './gallery/Gallery';
import { DatasetButtons } from './dataset/DatasetButtons';
import { EvaluateButton } from './evaluation/EvaluationDialog';
import { EvidenceButtons } from './evidence/EvidenceButtons';
import { RelabelPicker } from './training/RelabelPicker';
import { TrainButton } from './training/TrainDialog';
import { DropZone } from './importer/DropZone';
import { ImportButtons } from './importer/ImportButtons';
import { ImportReport } from './importer/ImportReport';
import { MapButton } from './map/MapButton';
import { ModelPanel } from './models/ModelPanel';
import { StretchControl } from './raster/StretchControl';
import { OfflineStatus } from './offline/OfflineStatus';
import { ProjectBar } from './projects/ProjectBar';
import { SettingsButton } from './settings/SettingsButton';
import { useShortcuts } from './useShortcuts';
import { Viewer } from './viewer/Viewer';

// OpenLayers is large: the map's code loads when the map is first opened, not with the first screen.
const MapPage = lazy(() => import('./map/MapPage'));

export function App() {
  const fatal = useLibrary((s) => s.fatal);
  const mapOpen = useMapView((s) => s.open);
  useShortcuts();
  useEffect(() => {
    void useLibrary.getState().load();
    void useDetection.getState().init();
    void useRaster.getState().load();
    void useAreas.getState().load(); // an area run a reload interrupted goes on
  }, []);

  return (
    <DropZone>
      <div className="app">
        <header className="toolbar">
          <h1>Recognition Workbench</h1>
          <ProjectBar />
          <ImportButtons />
          <DatasetButtons />
          <EvaluateButton />
          <EvidenceButtons />
          <TrainButton />
          <DetectBar />
          <ThresholdSlider />
          <TilingControl />
          <StretchControl />
          <ModelPanel />
          <MapButton />
          <SettingsButton />
          <RelabelPicker />
        </header>
        <div className="notices">
          {fatal && (
            <p className="error" role="alert">
              {fatal}
            </p>
          )}
          <ImportReport />
          <OfflineStatus />
        </div>
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
        <LargeRunDialog />
        <footer className="statusbar">
          ? shortcuts · everything stays on this machine
        </footer>
      </div>
    </DropZone>
  );
}
