import { roughDuration } from '../../domain/duration';
import { useLargeRun } from '../../state/large-run';
import { Modal } from '../common/Modal';

/** Asks before a run of thousands of tiles, with how many and about how long. */
export function LargeRunDialog() {
  const { pending, confirm, dismiss } = useLargeRun();
  if (!pending) return null;
  const { runs, images, largest, tileSize, msPerRun } = pending;
  const estimate = msPerRun === null ? 'how long it takes depends on this machine' : `${roughDuration((runs * msPerRun) / 1000)} at ${Math.round(msPerRun)} ms per tile here`;
  return (
    <Modal
      title="Large run"
      className="large-run-dialog"
      onClose={dismiss}
      footer={
        <>
          <button type="button" onClick={dismiss}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={confirm}>
            Run anyway
          </button>
        </>
      }
    >
      <p>
        This run takes {runs.toLocaleString('en')} model runs (tiles of {tileSize} px) over {images === 1 ? '1 image' : `${images} images`}, the
        largest {largest.fileName} ({largest.width.toLocaleString('en')} × {largest.height.toLocaleString('en')} px): {estimate}.
      </p>
      <p className="hint">It can be paused or cancelled; tiles already done are kept.</p>
    </Modal>
  );
}
