import type { MouseEvent } from 'react';
import { aboveThreshold } from '../../domain/detection';
import type { ImageSummary } from '../../domain/gallery-filter';
import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { useThumbnailUrl } from '../../state/object-urls';
import { HashFlag } from '../evidence/HashFlag';

interface Props {
  image: ImageRecord;
  summary: ImageSummary | undefined;
  selected: boolean;
  picked: boolean;
  onClick(image: ImageRecord, event: MouseEvent): void;
  onPick(image: ImageRecord, event: MouseEvent): void;
}

function summaryLine(summary: ImageSummary | undefined): string {
  if (!summary || summary.total === 0) return 'no annotations';
  const pending = summary.pending > 0 ? `, ${summary.pending} pending` : '';
  return `${summary.total} annotations${pending}`;
}

export function Thumbnail({ image, summary, selected, picked, onClick, onPick }: Props) {
  const url = useThumbnailUrl(image.sha256);
  const result = useDetection((s) => s.results[image.sha256]);
  const failed = useDetection((s) => s.failures[image.sha256]);
  const running = useDetection((s) => Boolean(s.pending[image.sha256]));
  const shown = useDetection((s) => (result ? aboveThreshold(result.detections, s.scoreThreshold).length : 0));
  const badge = running ? '…' : failed ? '!' : result?.tags ? (result.tags[0]?.label ?? '') : result ? String(shown) : '';

  return (
    <>
      <button
        type="button"
        className={`thumb${selected ? ' selected' : ''}${picked ? ' picked' : ''}`}
        aria-current={selected}
        title={`${image.fileName}\n${image.width} × ${image.height}\n${summaryLine(summary)}\nSHA-256 ${image.sha256}`}
        onClick={(e) => onClick(image, e)}
        // A click opens the image without taking the keyboard focus: Enter and Shift+Enter keep reviewing.
        onMouseDown={(e) => e.preventDefault()}
      >
        {url ? <img src={url} alt={image.fileName} /> : <span className="thumb-placeholder" />}
        <span className="thumb-name">{image.fileName}</span>
        {badge && <span className={failed ? 'thumb-badge failed' : 'thumb-badge'}>{badge}</span>}
        <HashFlag sha256={image.sha256} />
        {image.review === 'reviewed' && (
          <span className="thumb-reviewed" title="Reviewed">
            ✓
          </span>
        )}
      </button>
      <input
        type="checkbox"
        className="thumb-pick"
        aria-label={`Pick ${image.fileName}`}
        checked={picked}
        onClick={(e) => onPick(image, e)}
        onChange={() => undefined}
      />
    </>
  );
}
