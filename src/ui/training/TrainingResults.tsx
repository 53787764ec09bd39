import type { ClassificationFigures } from '../../domain/training/metrics';
import { useDetection } from '../../state/detection';
import { useTraining } from '../../state/training';
import { teachableZip } from '../../state/training-run';
import { download } from '../../platform/download';

const fmt = (v: number | null) => (v === null ? '–' : v.toFixed(2));

function ClassTable({ figures, knn }: { figures: ClassificationFigures; knn: ClassificationFigures }) {
  return (
    <table aria-label="Per-class figures">
      <thead>
        <tr>
          <th>label</th>
          <th>precision</th>
          <th>recall</th>
          <th>examples</th>
          <th>k-NN recall</th>
        </tr>
      </thead>
      <tbody>
        {figures.perClass.map((c, i) => (
          <tr key={c.label}>
            <th scope="row">{c.label}</th>
            <td>{fmt(c.precision)}</td>
            <td>{fmt(c.recall)}</td>
            <td>{c.support}</td>
            <td>{fmt(knn.perClass[i]?.recall ?? null)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Confusion({ figures }: { figures: ClassificationFigures }) {
  const labels = figures.perClass.map((c) => c.label);
  return (
    <table aria-label="Confusion matrix" className="confusion-table">
      <thead>
        <tr>
          <th>truth ↓ / predicted →</th>
          {labels.map((l) => (
            <th key={l}>{l}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {figures.confusion.map((row, t) => (
          <tr key={labels[t]}>
            <th scope="row">{labels[t]}</th>
            {row.map((n, p) => (
              <td key={labels[p]} className={n > 0 && p !== t ? 'wrong' : undefined}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The held-out figures, the baseline beside them, the examples it got wrong, and what to do with the model. */
export function TrainingResults() {
  const { result, task, showWrong } = useTraining();
  if (!result) return null;
  const { record, manifest, added } = result;
  const wrong = record.wrong;
  const version = manifest.library?.versionNumber;
  const applyModel = async () => {
    const detection = useDetection.getState();
    if (task !== 'boxes') return detection.selectModel(manifest.id);
    // A box labeller follows a detector: the first one listed, unless one is selected already.
    const detector = detection.model?.task === 'detect' ? detection.model : detection.models.find((m) => m.task === 'detect');
    if (detector && detector.id !== detection.model?.id) await detection.selectModel(detector.id);
    await detection.setRelabel(manifest.id);
  };
  const exportIt = async () => download(await teachableZip(manifest.library!.sha256), `${manifest.id}-teachable-machine.zip`);
  return (
    <section className="training-results" aria-label="Training results">
      <p data-testid="training-summary">
        Validation accuracy <strong>{fmt(record.validation.accuracy)}</strong> on {record.validation.examples} held-out examples (balanced {fmt(record.validation.balancedAccuracy)}) · k-NN baseline (k = {record.knn.k}) {fmt(record.knn.figures.accuracy)} · kept epoch {record.bestEpoch} of {record.epochs} · on {record.backend}
      </p>
      <p className="hint">
        {record.examples} examples from {record.images} images ({record.embeddings.cached} embeddings from the cache, {record.embeddings.computed} computed) · seed {record.settings.seed} · {Math.round(record.settings.valFraction * 100)} % of each label held out
        {record.leftOut.length > 0 && ` · left out: ${record.leftOut.map((l) => l.label).join(', ')}`}
        {record.vanished > 0 && ` · ${record.vanished} examples' images were deleted while training ran`}
      </p>
      <div className="training-tables">
        <ClassTable figures={record.validation} knn={record.knn.figures} />
        <Confusion figures={record.validation} />
      </div>
      {wrong.length > 0 ? (
        <div className="wrong-examples">
          <p>
            {wrong.length} held-out {wrong.length === 1 ? 'example' : 'examples'} got wrong{' '}
            <button type="button" onClick={() => showWrong()}>
              Show in the gallery
            </button>
          </p>
          <ul aria-label="Wrong validation examples">
            {wrong.map((w, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => showWrong([w])}>
                  {w.fileName ?? w.imageSha256.slice(0, 12)}
                </button>{' '}
                {w.truth} taken for {w.predicted} ({w.score.toFixed(2)})
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Every held-out example was labelled right.</p>
      )}
      <p role="status" data-testid="training-saved">
        {added ? 'Saved' : 'Already in the library'} as {manifest.name} · version {version} ({manifest.id} {manifest.version}) in the model library.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void applyModel()}>
          {task === 'boxes' ? 'Relabel detections with it' : 'Select it'}
        </button>
        <button type="button" onClick={() => void exportIt()}>
          Export (Teachable Machine)
        </button>
      </div>
    </section>
  );
}
