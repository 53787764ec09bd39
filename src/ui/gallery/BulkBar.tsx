import { useState } from 'react';
import { deleteImages, markReviewed, runModelOn } from '../../state/gallery-actions';
import { useDetection } from '../../state/detection';
import { useSelection } from '../../state/selection';
import { errorMessage } from '../../state/services';
import { ExportDialog } from '../dataset/lazy-dialogs';
import { ConfirmDialog } from '../projects/ConfirmDialog';

/** What can be done to the picked images at once. */
export function BulkBar() {
  const picked = useSelection((s) => s.picked);
  const clear = useSelection((s) => s.clear);
  const model = useDetection((s) => s.model);
  const batchRunning = useDetection((s) => s.batch !== null);
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (picked.size === 0 && !message) return null;

  const act = async (label: string, action: () => Promise<string | void>) => {
    setBusy(label);
    setMessage(null);
    try {
      const done = await action();
      if (done) setMessage(done);
    } catch (error) {
      setMessage(`${label} failed: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  const count = `${picked.size} ${picked.size === 1 ? 'image' : 'images'}`;

  return (
    <section className="bulk-bar" aria-label="Bulk actions">
      {picked.size > 0 && (
        <>
          <strong>{count} picked</strong>
          <button type="button" disabled={!model || batchRunning || busy !== null} onClick={() => void act('Run', () => runModelOn(picked))}>
            Run {model?.name ?? 'model'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void act('Mark reviewed', () => markReviewed(picked))}>
            Mark reviewed
          </button>
          <button type="button" disabled={busy !== null} onClick={() => setExporting(true)}>
            Export…
          </button>
          <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirming(true)}>
            Delete…
          </button>
          <button type="button" onClick={clear}>
            Clear
          </button>
        </>
      )}
      {busy && <span role="status">{busy}…</span>}
      {message && (
        <span role="status" className="bulk-message">
          {message}{' '}
          <button type="button" className="link" onClick={() => setMessage(null)}>
            OK
          </button>
        </span>
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
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
          Their original bytes, thumbnails, cached results and annotations are removed from this browser. The removal of
          the annotations is recorded in the audit log. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
