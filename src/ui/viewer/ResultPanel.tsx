import { aboveThreshold } from '../../domain/detection';
import type { ImageRecord } from '../../domain/image';
import type { PredictionRecord } from '../../domain/prediction';
import { useDetection } from '../../state/detection';
import { labelColor } from './colors';
import { GeoPanel } from './GeoPanel';
import { MetadataPanel } from '../evidence/MetadataPanel';
import { BulkReview } from '../review/BulkReview';
import { ReviewPanel } from '../review/ReviewPanel';
import { ImageTags } from '../editor/ImageTags';
import { useReview } from '../../state/review';
import { isImageTag } from '../../domain/annotation';

const time = (iso: string) => new Date(iso).toLocaleString();

function Provenance({ result, computedNow }: { result: PredictionRecord; computedNow: boolean }) {
  return (
    <p className="provenance" data-testid="result-source">
      {computedNow ? 'Computed now' : 'From cache'} · {result.modelName ? `${result.modelName} (${result.modelId} ${result.modelVersion})` : `${result.modelId} ${result.modelVersion}`} on{' '}
      {result.backend} ·{' '}
      {result.tiles ? `tiled (${result.tiles} tiles) · ` : ''}
      {result.elapsedMs} ms{result.inferenceMs !== undefined && ` (model ${result.inferenceMs} ms)`} · {time(result.createdAt)}
      {result.relabelledBy && (
        <>
          {' '}
          · boxes relabelled by {result.relabelledBy.modelName} ({result.relabelledBy.modelId} {result.relabelledBy.modelVersion})
        </>
      )}
    </p>
  );
}

function DetectionList({ result }: { result: PredictionRecord }) {
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const shown = aboveThreshold(result.detections, scoreThreshold);
  const hidden = result.detections.length - shown.length;
  return (
    <>
      <p>
        {shown.length} {shown.length === 1 ? 'object' : 'objects'} with score ≥ {scoreThreshold.toFixed(2)}
        {hidden > 0 && ` (${hidden} below)`}
      </p>
      <ol className="detections" aria-label="Detections list">
        {shown.map((d, i) => (
          <li key={i}>
            <span className="swatch" style={{ background: labelColor(d.label) }} />
            <span className="label">{d.label}</span> <span className="score">{d.score.toFixed(2)}</span>
            {d.relabel && (
              <span className="relabel" data-labeller-score={d.relabel.labellerScore}>
                {' '}
                ({d.relabel.detectorLabel} to the detector; labeller {d.relabel.labellerScore.toFixed(2)})
              </span>
            )}
            <span className="box">
              x {Math.round(d.box.x)} y {Math.round(d.box.y)} w {Math.round(d.box.w)} h {Math.round(d.box.h)}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ResultPanel({ image }: { image: ImageRecord }) {
  const result = useDetection((s) => s.results[image.sha256]);
  const computedNow = useDetection((s) => Boolean(s.computedNow[image.sha256]));
  const failure = useDetection((s) => s.failures[image.sha256]);
  const tiles = useDetection((s) => (s.tileProgress?.imageSha256 === image.sha256 ? s.tileProgress : null));
  const running = useDetection((s) => Boolean(s.pending[image.sha256])) || tiles !== null;
  const model = useDetection((s) => s.model);
  const hasAnnotations = useReview((s) => s.imageSha256 === image.sha256 && s.annotations.some((a) => !isImageTag(a)));

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
      {image.previewNote && (
        <p className="meta" data-testid="preview-note">
          Preview {image.previewNote}
        </p>
      )}
      <BulkReview />
      <MetadataPanel image={image} />
      <GeoPanel key={image.sha256} image={image} />
      {running && (
        <p role="status">
          Working…{tiles && ` tile ${tiles.done} / ${tiles.total}`}
          {tiles && <progress max={tiles.total} value={tiles.done} />}
        </p>
      )}
      {failure && !running && (
        <p className="error" role="alert">
          Detection failed: {failure}
        </p>
      )}
      {!result && !running && !failure && <p className="hint">Not run with {model?.name ?? 'this model'} yet. Press R.</p>}
      {result && <Provenance result={result} computedNow={computedNow} />}
      {result && !result.tags && <DetectionList result={result} />}
      {(result ? !result.tags : hasAnnotations) && <ReviewPanel image={image} result={result} />}
      <ImageTags image={image} result={result} />
    </aside>
  );
}
