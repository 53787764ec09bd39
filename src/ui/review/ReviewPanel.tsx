import { useEffect } from 'react';
import { isFromResult } from '../../domain/annotation-ops';
import { boxesOnly } from '../../domain/annotation';
import type { ImageRecord } from '../../domain/image';
import type { PredictionRecord } from '../../domain/prediction';
import { canRedo, canUndo } from '../../domain/undo';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { viewOrder } from '../../state/gallery';
import { useReview } from '../../state/review';
import { useEditor } from '../../state/editor';
import { copyPrevious, deleteSelected } from '../../state/editor-edits';
import { BoxDetails } from '../editor/BoxDetails';
import { ClassFilter } from '../editor/ClassFilter';
import { labelColor } from '../viewer/colors';

const STATUS_TEXT = { suggested: 'suggested', accepted: 'accepted', rejected: 'rejected', edited: 'edited' } as const;

/** Turns the model's boxes into suggestions a person accepts or rejects; every change is saved and audited. */
export function ReviewPanel({ image, result }: { image: ImageRecord; result: PredictionRecord | undefined }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const review = useReview();
  const mine = review.imageSha256 === image.sha256 ? boxesOnly(review.annotations) : [];
  useEffect(() => {
    void useReview.getState().checkAudit();
  }, [image.sha256]);
  const canSuggest = result && !result.tags && !mine.some((a) => isFromResult(a, result));

  return (
    // A click on a button here leaves the keyboard focus where it was, so Enter goes on accepting instead of clicking it again.
    <section className="review" aria-label="Review" onMouseDown={(e) => e.target instanceof Element && e.target.closest('button') && e.preventDefault()}>
      <ReviewHeader image={image} />
      {canSuggest && (
        <button type="button" onClick={() => void review.suggest(image.sha256, result, scoreThreshold)} title="Enter">
          Review these as suggestions
        </button>
      )}
      <EditButtons />
      {mine.length > 0 && <ReviewList image={image} />}
      <AuditStatus />
    </section>
  );
}

/** The image's annotations, the actions on them, and the selected one's provenance. */
function ReviewList({ image }: { image: ImageRecord }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const review = useReview();
  const mine = review.imageSha256 === image.sha256 ? boxesOnly(review.annotations) : [];
  return (
    <>
      <ol className="annotations" aria-label="Annotations">
        {mine.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className={`annotation ${a.status}`}
              aria-current={a.id === review.selectedId}
              onClick={() => review.select(a.id)}
            >
              <span className="swatch" style={{ background: labelColor(a.label) }} />
              <span className="label">{a.label}</span> {a.score !== undefined && <span className="score">{a.score.toFixed(2)}</span>}{' '}
              <span className="status">{STATUS_TEXT[a.status]}</span>
              <span className="source">
                {a.source} · {new Date(a.updatedAt).toLocaleTimeString()}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <div className="review-actions">
        <button type="button" onClick={() => void review.acceptSelected()} title="Enter">
          Accept
        </button>
        <button type="button" onClick={() => void review.rejectSelected()} title="Delete or X">
          Reject
        </button>
        <button type="button" onClick={() => void review.acceptAll(scoreThreshold)}>
          Accept all ≥ {scoreThreshold.toFixed(2)}
        </button>
        <button type="button" onClick={() => void review.rejectRest()}>
          Reject the rest
        </button>
        <button type="button" disabled={!canUndo(review.history)} onClick={() => void review.undo()} title="Ctrl+Z">
          Undo
        </button>
        <button type="button" disabled={!canRedo(review.history)} onClick={() => void review.redo()} title="Ctrl+Shift+Z or Ctrl+Y">
          Redo
        </button>
      </div>
      <ClassFilter labels={mine.filter((a) => a.status !== 'rejected').map((a) => a.label)} />
      <BoxDetails />
    </>
  );
}

function AuditStatus() {
  const saveError = useReview((s) => s.saveError);
  const audit = useReview((s) => s.audit);
  return (
    <>
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      {audit && (
        <p className={audit.verified ? 'meta' : 'error'} data-testid="audit-status">
          Audit log: {audit.entries} entries, {audit.verified ? 'hash chain verified' : audit.problem}
        </p>
      )}
      {audit?.signed && (
        <p className="meta" data-testid="audit-signatures">
          Signatures: {audit.signed.count} of {audit.entries} entries signed{audit.signed.by && ` (${audit.signed.by})`}
        </p>
      )}
    </>
  );
}

/** Mouse ways to the editing keys. */
function EditButtons() {
  const tool = useEditor((s) => s.tool);
  const selected = useReview((s) => s.selectedId);
  return (
    <div className="review-actions">
      <button type="button" aria-pressed={tool === 'draw'} onClick={() => useEditor.getState().setTool(tool === 'draw' ? 'select' : 'draw')} title="N, then drag">
        Draw box
      </button>
      <button type="button" disabled={!selected} onClick={() => useEditor.getState().setPickerOpen(true)} title="L or double-click">
        Label…
      </button>
      <button type="button" disabled={!selected} onClick={() => void deleteSelected()} title="Delete or X">
        Delete
      </button>
      <button type="button" onClick={() => void copyPrevious()} title="Ctrl+Shift+V">
        Copy previous image's boxes
      </button>
    </div>
  );
}

const REVIEW_TEXT = { unreviewed: 'unreviewed', 'in-progress': 'in progress', reviewed: 'reviewed' } as const;

/** Who is reviewing, how far this image is, and the one-key way on. */
function ReviewHeader({ image }: { image: ImageRecord }) {
  const analyst = useReview((s) => s.analyst);
  const setAnalyst = useReview((s) => s.setAnalyst);
  const reviewedAndNext = useLibrary((s) => s.reviewedAndNext);
  return (
    <div className="review-header">
      <label>
        Reviewing as{' '}
        <input defaultValue={analyst.slice('human:'.length)} key={analyst} size={10} onBlur={(e) => void setAnalyst(e.target.value)} />
      </label>
      <span data-testid="review-status">Image {REVIEW_TEXT[image.review ?? 'unreviewed']}</span>
      <button type="button" onClick={() => void reviewedAndNext(viewOrder())} title="Shift+Enter">
        Mark reviewed and next
      </button>
    </div>
  );
}
