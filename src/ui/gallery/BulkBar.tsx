import { type ReactNode, useState } from 'react';
import { deleteImages, markReviewed, runModelOn } from '../../state/gallery-actions';
import { useDetection } from '../../state/detection';
import { useDialogs } from '../../state/dialogs';
import { useSelection } from '../../state/selection';
import { errorMessage } from '../../state/project-context';
import { notify } from '../../state/toasts';
import { ConfirmDialog } from '../projects/ConfirmDialog';

/** What can be done to the picked images at once; `children` is the way to pick (all shown, or none). */
export function BulkBar({ children }: { children: ReactNode }) {
  const picked = useSelection((s) => s.picked);
  const clear = useSelection((s) => s.clear);
  const model = useDetection((s) => s.model);
  const batchRunning = useDetection((s) => s.batch !== null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (label: string, action: () => Promise<string | void>) => {
    setBusy(label);
    try {
      const done = await action();
      if (done) notify({ key: 'bulk', tone: 'info', text: done });
    } catch (error) {
      notify({ key: 'bulk', tone: 'error', text: `${label} failed: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
    }
  };
  const count = `${picked.size} ${picked.size === 1 ? 'image' : 'images'}`;

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      <div className="bulk-row">
        {children}
        {picked.size > 0 && (
          <>
            <strong>{count} picked</strong>
            <button type="button" className="link" onClick={clear}>
              Clear
            </button>
          </>
        )}
        {busy && (
          <span role="status" className="hint">
            {busy}…
          </span>
        )}
      </div>
      {picked.size > 0 && (
        <div className="bulk-row">
          <button type="button" disabled={!model || batchRunning || busy !== null} onClick={() => void act('Run', () => runModelOn(picked))}>
            Run {model?.name ?? 'model'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void act('Mark reviewed', () => markReviewed(picked))}>
            Mark reviewed
          </button>
          <button type="button" disabled={busy !== null} onClick={() => useDialogs.getState().show('export-dataset')}>
            Export…
          </button>
          <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
            Delete…
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Delete ${count}?`}
          confirm="Delete"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            const doomed = new Set(picked);
            void act('Delete', async () => {
              const deleted = await deleteImages(doomed, (done) => setBusy(`Deleting ${done} / ${doomed.size}`));
              return `Deleted ${deleted} of ${doomed.size} images.`;
            });
          }}
        >
          Their original bytes, thumbnails, cached results and annotations are removed from this browser. The removal of the annotations is recorded in the
          audit log. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
