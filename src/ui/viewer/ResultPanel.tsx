import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { labelColor } from './colors';

const time = (iso: string) => new Date(iso).toLocaleString();

export function ResultPanel({ image }: { image: ImageRecord }) {
  const result = useDetection((s) => s.results[image.sha256]);
  const computedNow = useDetection((s) => Boolean(s.computedNow[image.sha256]));
  const failure = useDetection((s) => s.failures[image.sha256]);
  const running = useDetection((s) => s.running === image.sha256);
  const model = useDetection((s) => s.model);

  return (
    <aside className="result" aria-label="Result">
      <h2 title={image.fileName}>{image.fileName}</h2>
      <p className="meta">
        {image.width} × {image.height} px · {(image.bytes / 1024).toFixed(0)} KB
        <br />
        <span className="hash" title="SHA-256 of the file's bytes">
          SHA-256 {image.sha256}
        </span>
      </p>
      {running && <p role="status">Detecting…</p>}
      {failure && !running && (
        <p className="error" role="alert">
          Detection failed: {failure}
        </p>
      )}
      {!result && !running && !failure && <p className="hint">Not run with {model?.name ?? 'this model'} yet. Press R.</p>}
      {result && (
        <>
          <p className="provenance" data-testid="result-source">
            {computedNow ? 'Computed now' : 'From cache'} · {result.modelId} {result.modelVersion} on {result.backend} ·{' '}
            {result.elapsedMs} ms · {time(result.createdAt)}
          </p>
          <p>
            {result.detections.length} {result.detections.length === 1 ? 'object' : 'objects'} (score ≥{' '}
            {result.params.scoreThreshold})
          </p>
          <ol className="detections" aria-label="Detections list">
            {result.detections.map((d, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: labelColor(d.label) }} />
                <span className="label">{d.label}</span> <span className="score">{d.score.toFixed(2)}</span>
                <span className="box">
                  x {Math.round(d.box.x)} y {Math.round(d.box.y)} w {Math.round(d.box.w)} h {Math.round(d.box.h)}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
