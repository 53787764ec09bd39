import { type Annotation, boxesOnly } from '../../domain/annotation';
import { isFromResult } from '../../domain/annotation-ops';
import { aboveThreshold } from '../../domain/detection';
import type { ImageRecord } from '../../domain/image';
import type { PredictionRecord } from '../../domain/prediction';
import { canRedo, canUndo } from '../../domain/undo';
import { useDetection } from '../../state/detection';
import { useReview } from '../../state/review';
import { BoxDetails } from '../editor/BoxDetails';
import { BulkReview } from '../review/BulkReview';
import { labelColor } from '../viewer/colors';
import { actionButton, useAction } from '../actions/useAction';

/** One empty list, so a selector that finds nothing returns the same value each time. */
const NONE: readonly Annotation[] = [];

const STATUS_TEXT = { suggested: 'suggested', accepted: 'accepted', rejected: 'rejected', edited: 'edited' } as const;

/**
 * The record: the image's annotations as people decided them (suggestions until then), the selected box's
 * provenance, the actions on them, and whether the audit log checks out. Every change is saved and audited.
 */
export function AnnotationsTab({ image, result }: { image: ImageRecord; result: PredictionRecord | undefined }) {
  const loaded = useReview((s) => s.imageSha256 === image.sha256);
  const annotations = useReview((s) => s.annotations);
  const mine = loaded ? boxesOnly(annotations) : [];
  return (
    // A click on a button here leaves the keyboard focus where it was, so Enter goes on accepting instead of clicking it again.
    <div className="annotations-tab" onMouseDown={(e) => e.target instanceof Element && e.target.closest('button') && e.preventDefault()}>
      <BulkReview />
      <ReviewBar />
      {mine.length === 0 ? <NoAnnotations image={image} result={result} /> : <Decisions result={result} />}
      <AuditStatus />
    </div>
  );
}

/** Nothing decided here yet: what the model found and the way to review it, or how to start by hand. */
function NoAnnotations({ image, result }: { image: ImageRecord; result: PredictionRecord | undefined }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const mine = useReview((s) => (s.imageSha256 === image.sha256 ? s.annotations : NONE));
  const found = result && !result.tags ? aboveThreshold(result.detections, scoreThreshold).length : 0;
  const suggested = result && mine.some((a) => isFromResult(a, result));
  if (result && !result.tags && !suggested) {
    return (
      <div className="empty-note">
        <p>
          No annotations yet. The model found {found} {found === 1 ? 'object' : 'objects'} with score ≥ {scoreThreshold.toFixed(2)} (see Model output).
        </p>
        <button type="button" className="primary" {...actionButton('suggest')}>
          Review these as suggestions
        </button>
        <p className="hint">Or draw boxes yourself: N, then drag.</p>
      </div>
    );
  }
  return <p className="hint empty-note">No annotations on this image. Draw a box (N, then drag), or run the model (R) and review what it finds (Enter).</p>;
}

/** The selected box, the actions, and the list. */
function Decisions({ result }: { result: PredictionRecord | undefined }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const review = useReview();
  const selected = useReview((s) => s.selectedId);
  const mine = boxesOnly(review.annotations);
  // Boxes from elsewhere (an import, a person) and a model result not reviewed yet: its detections can join them.
  const canSuggest = result && !result.tags && !mine.some((a) => isFromResult(a, result));
  return (
    <>
      {canSuggest && (
        <button type="button" {...actionButton('suggest')}>
          Review these as suggestions
        </button>
      )}
      <BoxDetails />
      <div className="review-actions" role="group" aria-label="Decide">
        <button type="button" className="primary" disabled={!selected} {...actionButton('accept')}>
          Accept
        </button>
        <button type="button" disabled={!selected} onClick={() => void review.rejectSelected()} title="Reject the selected box (a suggestion: Delete or X)">
          Reject
        </button>
        <button type="button" onClick={() => void review.acceptAll(scoreThreshold)}>
          Accept all ≥ {scoreThreshold.toFixed(2)}
        </button>
        <button type="button" onClick={() => void review.rejectRest()}>
          Reject the rest
        </button>
      </div>
      <div className="review-actions" role="group" aria-label="Edit">
        <button type="button" disabled={!selected} {...actionButton('label')}>
          Label…
        </button>
        <button type="button" disabled={!selected} {...actionButton('delete-box')}>
          Delete
        </button>
        <button type="button" disabled={!canUndo(review.history)} {...actionButton('undo')}>
          Undo
        </button>
        <button type="button" disabled={!canRedo(review.history)} {...actionButton('redo')}>
          Redo
        </button>
      </div>
      <ol className="annotations" aria-label="Annotations">
        {mine.map((a) => (
          <li key={a.id}>
            <button type="button" className={`annotation ${a.status}`} aria-current={a.id === review.selectedId} onClick={() => review.select(a.id)}>
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
    </>
  );
}

/** The one-key way on, and copying the boxes of the image before. */
function ReviewBar() {
  const next = useAction('reviewed-next');
  const copy = useAction('copy-previous', "Copy the previous image's boxes onto this one");
  return (
    <div className="review-bar">
      <button type="button" {...next}>
        Mark reviewed and next
      </button>
      <button type="button" {...copy}>
        Copy previous boxes
      </button>
    </div>
  );
}

/** Whether the log checks out, and the name every change here is recorded (and signed) under. */
function AuditStatus() {
  const saveError = useReview((s) => s.saveError);
  const audit = useReview((s) => s.audit);
  const analyst = useReview((s) => s.analyst);
  const setAnalyst = useReview((s) => s.setAnalyst);
  return (
    <div className="audit">
      <label>
        Reviewing as <input defaultValue={analyst.slice('human:'.length)} key={analyst} size={10} onBlur={(e) => void setAnalyst(e.target.value)} />
      </label>
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
    </div>
  );
}
