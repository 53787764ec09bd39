import type { BatchProgress } from '../../domain/batch';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { ProgressBar } from './ProgressBar';

function detail(batch: BatchProgress): string {
  const parts: string[] = [];
  if (batch.status === 'paused') parts.push('paused');
  if (batch.failed > 0) parts.push(`${batch.failed} failed`);
  if (batch.imagesPerSecond) parts.push(`${batch.imagesPerSecond.toFixed(1)} img/s`);
  if (batch.etaSeconds !== null && batch.status === 'running') parts.push(`about ${Math.ceil(batch.etaSeconds)} s left`);
  return parts.join(' · ');
}

export function DetectBar() {
  const images = useLibrary((s) => s.images);
  const current = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected));
  const { batch, pending, phase, model, detect, detectAll, pauseBatch, resumeBatch, cancelBatch } = useDetection();
  const verb = model?.task === 'classify' ? 'Classify' : 'Detect';
  const cannotRun = phase === 'error' || phase === 'starting';

  return (
    <div className="detect-bar">
      <button
        type="button"
        disabled={cannotRun || !current || Boolean(current && pending[current.sha256])}
        onClick={() => current && void detect(current)}
        title={`${verb} this image (R)`}
      >
        {verb}
      </button>
      <button
        type="button"
        disabled={cannotRun || images.length === 0 || batch !== null}
        onClick={() => void detectAll(images)}
        title={`${verb} every image not yet done with this model and parameters (Shift+R)`}
      >
        {verb} all
      </button>
      {batch && (
        <>
          <ProgressBar label={verb === 'Classify' ? 'Classifying' : 'Detecting'} done={batch.done} total={batch.total} detail={detail(batch)} onCancel={() => void cancelBatch()} />
          {batch.status === 'running' ? (
            <button type="button" onClick={() => void pauseBatch()} title="Pause after the current image (P)">
              Pause
            </button>
          ) : (
            <button type="button" onClick={() => void resumeBatch()} title="Resume (P)">
              Resume
            </button>
          )}
        </>
      )}
    </div>
  );
}
