import { aboveThreshold } from '../../domain/detection';
import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { useThumbnailUrl } from '../../state/object-urls';

function Thumbnail({ image, selected }: { image: ImageRecord; selected: boolean }) {
  const url = useThumbnailUrl(image.sha256);
  const select = useLibrary((s) => s.select);
  const result = useDetection((s) => s.results[image.sha256]);
  const failed = useDetection((s) => s.failures[image.sha256]);
  const running = useDetection((s) => Boolean(s.pending[image.sha256]));
  const shown = useDetection((s) => (result ? aboveThreshold(result.detections, s.scoreThreshold).length : 0));
  const badge = running ? '…' : failed ? '!' : result?.tags ? (result.tags[0]?.label ?? '') : result ? String(shown) : '';

  return (
    <li>
      <button
        type="button"
        className={selected ? 'thumb selected' : 'thumb'}
        aria-current={selected}
        title={`${image.fileName}\n${image.width} × ${image.height}\nSHA-256 ${image.sha256}`}
        onClick={() => select(image.sha256)}
      >
        {url ? <img src={url} alt={image.fileName} /> : <span className="thumb-placeholder" />}
        <span className="thumb-name">{image.fileName}</span>
        {badge && <span className={failed ? 'thumb-badge failed' : 'thumb-badge'}>{badge}</span>}
        {image.review === 'reviewed' && (
          <span className="thumb-reviewed" title="Reviewed">
            ✓
          </span>
        )}
      </button>
    </li>
  );
}

export function Gallery() {
  const images = useLibrary((s) => s.images);
  const selected = useLibrary((s) => s.selected);
  const loaded = useLibrary((s) => s.loaded);

  if (loaded && images.length === 0) {
    return (
      <p className="gallery-empty">
        No images yet. Import images or a folder, or drop them anywhere on this window. Nothing leaves this machine.
      </p>
    );
  }
  return (
    <ul className="gallery" aria-label="Images">
      {images.map((image) => (
        <Thumbnail key={image.sha256} image={image} selected={image.sha256 === selected} />
      ))}
    </ul>
  );
}
