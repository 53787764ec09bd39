import type { MouseEvent } from 'react';
import { aboveThreshold } from '../../domain/detection';
import type { ImageSummary } from '../../domain/gallery-filter';
import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { useThumbnailUrl } from '../common/useStoredBlobUrl';
import { HashFlag } from '../evidence/HashFlag';

interface Props {
  image: ImageRecord;
  summary: ImageSummary | undefined;
  selected: boolean;
  picked: boolean;
  onClick(image: ImageRecord, event: MouseEvent): void;
  onPick(image: ImageRecord, event: MouseEvent): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Whether the model in use has run on the image: running, failed, its top tag (a classifier) or a mark (a detector). */
function RunMark({ sha256 }: { sha256: string }) {
  const result = useDetection((s) => s.results[sha256]);
  const failed = useDetection((s) => s.failures[sha256]);
  const running = useDetection((s) => Boolean(s.pending[sha256]));
  const found = useDetection((s) => (result && !result.tags ? aboveThreshold(result.detections, s.scoreThreshold).length : 0));
  if (running) return <span className="thumb-run running" title="The model is running on this image">…</span>;
  if (failed) return <span className="thumb-run failed" title={`The model failed here: ${failed}`}>!</span>;
  if (!result) return null;
  if (result.tags) {
    return (
      <span className="thumb-run thumb-tag" title={`Top tag from the model: ${result.tags[0]?.label ?? 'none'}`}>
        {result.tags[0]?.label ?? ''}
      </span>
    );
  }
  return (
    <span className="thumb-run" title={`The model ran here: ${plural(found, 'object', 'objects')} at the Min score (not annotations until reviewed)`}>
      <span aria-hidden="true">◆</span>
      <span className="sr-only">{`model ran, ${plural(found, 'object', 'objects')}`}</span>
    </span>
  );
}

/** The record in numbers: annotations decided (accepted, edited, drawn, imported) and suggestions still pending. */
function Counts({ summary }: { summary: ImageSummary | undefined }) {
  const pending = summary?.pending ?? 0;
  const decided = (summary?.total ?? 0) - pending;
  return (
    <span className="thumb-counts">
      {decided > 0 && (
        <span className="thumb-count decided" title={plural(decided, 'annotation', 'annotations')} data-testid="thumb-annotations">
          <span aria-hidden="true">■ </span>
          {decided}
          <span className="sr-only"> {decided === 1 ? 'annotation' : 'annotations'}</span>
        </span>
      )}
      {pending > 0 && (
        <span className="thumb-count pending" title={plural(pending, 'suggestion pending', 'suggestions pending')} data-testid="thumb-pending">
          <span aria-hidden="true">◇ </span>
          {pending}
          <span className="sr-only"> pending</span>
        </span>
      )}
    </span>
  );
}

/** A gallery cell: the image (click opens it) with its flags, and under it the pick box and the counts. */
export function Thumbnail({ image, summary, selected, picked, onClick, onPick }: Props) {
  const url = useThumbnailUrl(image.sha256);
  return (
    <div className={`thumb-cell${selected ? ' selected' : ''}${picked ? ' picked' : ''}`}>
      <button
        type="button"
        className="thumb"
        aria-current={selected}
        title={`${image.fileName}\n${image.width} × ${image.height}\nSHA-256 ${image.sha256}`}
        onClick={(e) => onClick(image, e)}
        // A click opens the image without taking the keyboard focus: Enter and Shift+Enter keep reviewing.
        onMouseDown={(e) => e.preventDefault()}
      >
        <span className="thumb-image">{url ? <img src={url} alt="" /> : <span className="thumb-placeholder" />}</span>
        <span className="thumb-name">{image.fileName}</span>
        <RunMark sha256={image.sha256} />
        <HashFlag sha256={image.sha256} />
        {image.review === 'reviewed' && (
          <span className="thumb-reviewed" title="Reviewed">
            ✓<span className="sr-only"> reviewed</span>
          </span>
        )}
      </button>
      <div className="thumb-foot">
        <input type="checkbox" className="thumb-pick" aria-label={`Pick ${image.fileName}`} checked={picked} onClick={(e) => onPick(image, e)} onChange={() => undefined} />
        <Counts summary={summary} />
      </div>
    </div>
  );
}
