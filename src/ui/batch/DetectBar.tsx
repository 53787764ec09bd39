import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { ProgressBar } from './ProgressBar';

function eta(done: number, total: number, startedAt: number): string | undefined {
  if (done === 0) return undefined;
  const elapsed = (performance.now() - startedAt) / 1000;
  const perImage = elapsed / done;
  return `${(1 / perImage).toFixed(1)} img/s · about ${Math.ceil(perImage * (total - done))} s left`;
}

export function DetectBar() {
  const images = useLibrary((s) => s.images);
  const current = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected));
  const { batch, running, phase, detect, detectAll, cancelBatch } = useDetection();
  const cannotRun = phase === 'error' || phase === 'starting' || batch !== null;

  return (
    <div className="detect-bar">
      <button
        type="button"
        disabled={cannotRun || !current || running !== null}
        onClick={() => current && void detect(current).catch(() => undefined)}
        title="Detect objects in this image (R)"
      >
        Detect
      </button>
      <button
        type="button"
        disabled={cannotRun || images.length === 0}
        onClick={() => void detectAll(images)}
        title="Detect in every image not yet done with this model (Shift+R)"
      >
        Detect all
      </button>
      {batch && (
        <ProgressBar
          label="Detecting"
          done={batch.done}
          total={batch.total}
          detail={[batch.failed > 0 ? `${batch.failed} failed` : '', eta(batch.done, batch.total, batch.startedAt)]
            .filter(Boolean)
            .join(' · ')}
          onCancel={cancelBatch}
        />
      )}
    </div>
  );
}
