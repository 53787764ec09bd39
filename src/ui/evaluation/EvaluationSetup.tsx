import { reviewedImages } from '../../domain/eval/from-project';
import { useDetection } from '../../state/detection';
import { useEvaluation } from '../../state/evaluation';
import { useLibrary } from '../../state/library';
import { useSelection } from '../../state/selection';
import { plural } from './format';

/** What is evaluated against what: ground truth scope, the run (and one to compare), the IoU and score threshold. */
export function EvaluationSetup() {
  const state = useEvaluation();
  const { runs, scope, runA, runB, iou, threshold, running, progress, error, outcome } = state;
  const images = useLibrary((s) => s.images);
  const picked = useSelection((s) => s.picked);
  const model = useDetection((s) => s.model);
  const results = useDetection((s) => s.results);
  const project = reviewedImages(images, null);
  const selection = reviewedImages(images, picked);
  const inScope = scope === 'selection' ? selection : project;
  const missing = inScope.reviewed.filter((i) => !results[i.sha256]).length;
  const number = (value: string, fallback: number) => (value === '' || !Number.isFinite(Number(value)) ? fallback : Math.min(1, Math.max(0, Number(value))));
  const setChoice = (patch: { iou?: number; threshold?: number }) => (outcome ? void state.judge(patch) : state.choose(patch));

  return (
    <div className="evaluation-setup">
      <fieldset>
        <legend>Ground truth</legend>
        <p className="hint">Boxes and tags a person accepted, edited or drew, on images marked reviewed; other images are left out.</p>
        <label>
          <input type="radio" name="evaluation-scope" checked={scope === 'project'} onChange={() => state.choose({ scope: 'project' })} /> Whole project:{' '}
          {project.reviewed.length} reviewed of {images.length}
        </label>
        <label>
          <input type="radio" name="evaluation-scope" disabled={picked.size === 0} checked={scope === 'selection'} onChange={() => state.choose({ scope: 'selection' })} /> Picked images:{' '}
          {selection.reviewed.length} reviewed of {picked.size}
        </label>
      </fieldset>
      <fieldset>
        <legend>Predictions</legend>
        <label>
          Run{' '}
          <select aria-label="Run to evaluate" value={runA ?? ''} onChange={(e) => state.choose({ runA: e.target.value || null })}>
            {runs.length === 0 && <option value="">no cached results yet</option>}
            {runs.map((r) => (
              <option key={r.runKey} value={r.runKey}>
                {r.current ? '● ' : ''}
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with{' '}
          <select aria-label="Run to compare with" value={runB ?? ''} onChange={(e) => state.choose({ runB: e.target.value || null })}>
            <option value="">(none)</option>
            {runs
              .filter((r) => r.runKey !== runA)
              .map((r) => (
                <option key={r.runKey} value={r.runKey}>
                  {r.label}
                </option>
              ))}
          </select>
        </label>
        {model && missing > 0 && (
          <button type="button" disabled={running} onClick={() => void state.runModelForEvaluation()}>
            Run {model.name} on the {plural(missing, 'reviewed image')} it has not seen, then evaluate
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>Operating point</legend>
        <label title="A detection is right when it overlaps its object at least this much (the AP figures use COCO's 0.50–0.95 whatever this says)">
          IoU <input type="number" aria-label="IoU" min={0.05} max={0.95} step={0.05} value={iou} onChange={(e) => setChoice({ iou: Math.max(0.05, number(e.target.value, iou)) })} />
        </label>
        <label title="Detections scoring below this are not counted in precision, recall, F1, the confusion matrix and the marks">
          Score ≥ <input type="number" aria-label="Score threshold" min={0} max={1} step={0.05} value={threshold} onChange={(e) => setChoice({ threshold: number(e.target.value, threshold) })} />
        </label>
      </fieldset>
      <div className="dialog-buttons">
        <button type="button" onClick={state.closeDialog}>
          Close
        </button>
        <button type="button" className="primary" disabled={running || !runA} onClick={() => void state.evaluate()}>
          {running ? 'Evaluating…' : 'Evaluate'}
        </button>
      </div>
      {progress && (
        <p role="status" className="progress">
          <progress max={1} value={progress.fraction} /> {progress.phase}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
