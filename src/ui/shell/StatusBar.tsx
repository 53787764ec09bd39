import type { BatchProgress } from '../../domain/batch';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { useBackup } from '../../state/projects-backup';
import { useRaster } from '../../state/raster';
import { useTraining } from '../../state/training';
import { actionButton } from '../actions/useAction';
import { ProgressBar } from '../batch/ProgressBar';
import { ImportProgress } from '../importer/ImportReport';
import { PersistenceWarning } from '../offline/OfflineToasts';

function detail(batch: BatchProgress): string {
  const parts: string[] = [];
  if (batch.status === 'paused') parts.push('paused');
  if (batch.failed > 0) parts.push(`${batch.failed} failed`);
  if (batch.imagesPerSecond) parts.push(`${batch.imagesPerSecond.toFixed(1)} img/s`);
  if (batch.etaSeconds !== null && batch.status === 'running') parts.push(`about ${Math.ceil(batch.etaSeconds)} s left`);
  return parts.join(' · ');
}

/** A run over many images: done / total, speed, time left; Pause (P) and Cancel (Esc). */
function BatchProgressBar() {
  const batch = useDetection((s) => s.batch);
  const classify = useDetection((s) => s.model?.task === 'classify');
  if (!batch) return null;
  const { cancelBatch } = useDetection.getState();
  return (
    <ProgressBar label={classify ? 'Classifying' : 'Detecting'} done={batch.done} total={batch.total} detail={detail(batch)} onCancel={() => void cancelBatch()}>
      {batch.status === 'running' ? (
        <button type="button" {...actionButton('pause-batch', 'Pause after the current image')}>
          Pause
        </button>
      ) : (
        <button type="button" {...actionButton('pause-batch', 'Resume')}>
          Resume
        </button>
      )}
    </ProgressBar>
  );
}

/** The run on the image in the viewer, while it lasts (with its tiles, when it is tiled). */
function ImageRunStatus() {
  const sha256 = useLibrary((s) => s.selected);
  const tiles = useDetection((s) => (s.tileProgress && s.tileProgress.imageSha256 === sha256 ? s.tileProgress : null));
  const running = useDetection((s) => Boolean(sha256 && s.pending[sha256])) || tiles !== null;
  if (!running) return null;
  return (
    <p role="status" className="status-item">
      Working…{tiles && ` tile ${tiles.done} / ${tiles.total}`}
      {tiles && <progress max={tiles.total} value={tiles.done} aria-label={`Tiles: ${tiles.done} of ${tiles.total}`} />}
    </p>
  );
}

function StretchProgress() {
  const rerendering = useRaster((s) => s.rerendering);
  return rerendering ? <ProgressBar label="Rendering previews" done={rerendering.done} total={rerendering.total} /> : null;
}

function BackupProgress() {
  const working = useBackup((s) => s.working);
  return working ? (
    <p role="status" className="status-item">
      {working}
    </p>
  ) : null;
}

/** A training that goes on with its dialog closed: where it is, and the way back to it (T). */
function TrainingStatus() {
  const phase = useTraining((s) => s.phase);
  const open = useTraining((s) => s.dialogOpen);
  const epoch = useTraining((s) => s.history.at(-1)?.epoch);
  const busy = phase === 'preparing' || phase === 'embedding' || phase === 'training' || phase === 'saving';
  if (!busy || open) return null;
  return (
    <p role="status" className="status-item">
      Training: {phase}
      {phase === 'training' && epoch !== undefined && `, epoch ${epoch}`}
      <button type="button" {...actionButton('train', 'Show the training')}>
        Show
      </button>
    </p>
  );
}

/** One fixed line at the bottom: long work with its progress and controls, then the reminder of the keys. */
export function StatusBar() {
  return (
    <footer className="statusbar">
      <div className="status-work">
        <ImportProgress />
        <BatchProgressBar />
        <ImageRunStatus />
        <StretchProgress />
        <BackupProgress />
        <TrainingStatus />
        <PersistenceWarning />
      </div>
      <p className="status-hint">? shortcuts · everything stays on this machine</p>
    </footer>
  );
}
