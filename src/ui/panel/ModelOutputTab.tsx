import { aboveThreshold } from '../../domain/detection';
import type { ImageRecord } from '../../domain/image';
import type { PredictionRecord } from '../../domain/prediction';
import { useDetection } from '../../state/detection';
import { labelColor } from '../viewer/colors';

const time = (iso: string) => new Date(iso).toLocaleString();

/** Which model said it, with what, how long it took, and whether it was computed for this request or read back. */
function Provenance({ result, computedNow }: { result: PredictionRecord; computedNow: boolean }) {
  return (
    <p className="provenance" data-testid="result-source">
      {computedNow ? 'Computed now' : 'From cache'} · {result.modelName ? `${result.modelName} (${result.modelId} ${result.modelVersion})` : `${result.modelId} ${result.modelVersion}`} on{' '}
      {result.backend} · {result.tiles ? `tiled (${result.tiles} tiles) · ` : ''}
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

/** A classifier's scores for the whole image, best first (accepting them as tags is in the Tags tab). */
function ScoreList({ result }: { result: PredictionRecord }) {
  return (
    <ol className="detections" aria-label="Classifier scores">
      {(result.tags ?? []).map((t) => (
        <li key={t.label}>
          <span className="swatch" style={{ background: labelColor(t.label) }} />
          <span className="label">{t.label}</span> <span className="score">{t.score.toFixed(2)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * What the model said about this image, as it said it (cached apart from the annotations, so a correction never
 * changes it): the run's provenance and the detections at the Min score.
 */
export function ModelOutputTab({ image }: { image: ImageRecord }) {
  const result = useDetection((s) => s.results[image.sha256]);
  const computedNow = useDetection((s) => Boolean(s.computedNow[image.sha256]));
  const failure = useDetection((s) => s.failures[image.sha256]);
  const running = useDetection((s) => Boolean(s.pending[image.sha256]) || s.tileProgress?.imageSha256 === image.sha256);
  const model = useDetection((s) => s.model);
  return (
    <div className="model-output">
      {failure && !running && (
        <p className="error" role="alert">
          Detection failed: {failure}
        </p>
      )}
      {!result && !running && !failure && <p className="hint">Not run with {model?.name ?? 'this model'} yet. Press R.</p>}
      {!result && running && <p className="hint">Running {model?.name ?? 'the model'}… (progress in the status bar)</p>}
      {result && <Provenance result={result} computedNow={computedNow} />}
      {result && (result.tags ? <ScoreList result={result} /> : <DetectionList result={result} />)}
    </div>
  );
}
