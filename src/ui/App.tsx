import { useEffect } from 'react';
import { useDetection } from '../state/detection';
import { useLibrary } from '../state/library';
import { useRaster } from '../state/raster';
import { DetectBar } from './batch/DetectBar';
import { ThresholdSlider } from './batch/ThresholdSlider';
import { TilingControl } from './batch/TilingControl';
import { Gallery } from './gallery/Gallery';
import { DatasetButtons } from './dataset/DatasetButtons';
import { EvaluateButton } from './evaluation/EvaluationDialog';
import { RelabelPicker } from './training/RelabelPicker';
import { TrainButton } from './training/TrainDialog';
import { DropZone } from './importer/DropZone';
import { ImportButtons } from './importer/ImportButtons';
import { ImportReport } from './importer/ImportReport';
import { ModelPanel } from './models/ModelPanel';
import { StretchControl } from './raster/StretchControl';
import { OfflineStatus } from './offline/OfflineStatus';
import { ProjectBar } from './projects/ProjectBar';
import { useShortcuts } from './useShortcuts';
import { Viewer } from './viewer/Viewer';

export function App() {
  const fatal = useLibrary((s) => s.fatal);
  useShortcuts();
  useEffect(() => {
    void useLibrary.getState().load();
    void useDetection.getState().init();
    void useRaster.getState().load();
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
          <TrainButton />
          <DetectBar />
          <ThresholdSlider />
          <TilingControl />
          <StretchControl />
          <ModelPanel />
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
          <Viewer />
        </main>
        <footer className="statusbar">
          ? shortcuts · everything stays on this machine
        </footer>
      </div>
    </DropZone>
  );
}
