import { useState } from 'react';
import { useDetection } from '../../state/detection';
import { bulkReview } from '../../state/editor-edits';
import { useSelection } from '../../state/selection';
import { errorMessage } from '../../state/project-context';
import { notify } from '../../state/toasts';

/** Accept-all-above-threshold or reject-the-rest over every image picked in the gallery, as one undo step. */
export function BulkReview() {
  const picked = useSelection((s) => s.picked);
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const [busy, setBusy] = useState(false);
  if (picked.size === 0) return null;

  const run = async (what: 'accept' | 'reject') => {
    setBusy(true);
    try {
      const changed = await bulkReview([...picked], what, scoreThreshold);
      const verb = what === 'accept' ? `Accepted suggestions ≥ ${scoreThreshold.toFixed(2)}` : 'Rejected the open suggestions';
      notify({ key: 'bulk-review', tone: 'info', text: changed ? `${verb} on ${changed} of ${picked.size} images (Ctrl+Z undoes all of it).` : 'Nothing to change on the picked images.' });
    } catch (error) {
      notify({ key: 'bulk-review', tone: 'error', text: `Bulk review failed: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-review" aria-label="Bulk review">
      <strong>
        Review {picked.size} picked {picked.size === 1 ? 'image' : 'images'}:
      </strong>{' '}
      <button type="button" disabled={busy} onClick={() => void run('accept')}>
        Accept all ≥ {scoreThreshold.toFixed(2)} on each
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => void run('reject')}>
        Reject the rest on each
      </button>
    </section>
  );
}
