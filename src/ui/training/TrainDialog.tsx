import { useTraining } from '../../state/training';
import { Modal } from '../common/Modal';
import { LabelChoice } from './LabelChoice';
import { TrainingChart } from './TrainingChart';
import { TrainingResults } from './TrainingResults';
import './training.css';

function Progress() {
  const { phase, message, embedding, history, maxEpochs } = useTraining();
  const last = history.at(-1);
  if (phase === 'idle' || phase === 'done') return null;
  return (
    <div className="training-progress" role="status" data-testid="training-progress">
      {(phase === 'preparing' || phase === 'saving') && <span>{message}…</span>}
      {phase === 'embedding' && embedding && (
        <>
          <span>
            Embeddings {embedding.done} / {embedding.total} ({embedding.cached} from the cache)
          </span>
          <progress max={embedding.total} value={embedding.done} />
        </>
      )}
      {phase === 'training' && last && (
        <span>
          Epoch {last.epoch} (of at most {maxEpochs}) · loss {last.trainLoss.toFixed(3)} · validation loss {last.valLoss.toFixed(3)} · validation accuracy {last.valAccuracy.toFixed(2)}
        </span>
      )}
      {(phase === 'cancelled' || phase === 'failed') && <span className={phase === 'failed' ? 'error' : undefined}>{message}</span>}
    </div>
  );
}

export function TrainDialog() {
  const state = useTraining();
  const { task, name, valFraction, seed, minExamples, phase, chosen, history, maxEpochs, result, interrupted } = state;
  const busy = phase === 'preparing' || phase === 'embedding' || phase === 'training' || phase === 'saving';
  const number = (value: string, fallback: number) => (value.trim() === '' || !Number.isFinite(Number(value)) ? fallback : Number(value));
  return (
    <Modal title="Train a model from reviewed annotations" className="training-dialog" onClose={state.closeDialog}>
      {interrupted && (
        <p className="notice" role="alert">
          The training of {interrupted.name} started {new Date(interrupted.startedAt).toLocaleString()} was stopped by a reload or crash; nothing of it was saved, the model library is as it was.
        </p>
      )}
      <fieldset className="training-task" disabled={busy}>
        <legend>Model</legend>
        <label>
          <input type="radio" name="training-task" checked={task === 'boxes'} onChange={() => void state.setTask('boxes')} /> Box labeller: relabels a detector&apos;s boxes with your labels
        </label>
        <label>
          <input type="radio" name="training-task" checked={task === 'tags'} onChange={() => void state.setTask('tags')} /> Image classifier: from image tags
        </label>
      </fieldset>
      <LabelChoice disabled={busy} />
      <fieldset className="training-settings" disabled={busy}>
        <legend>Settings</legend>
        <label>
          Name <input value={name} onChange={(e) => state.set({ name: e.target.value })} />
        </label>
        <label title="Share of each label's examples held out to measure the model">
          Validation share <input type="number" min={0.05} max={0.5} step={0.05} value={valFraction} onChange={(e) => state.set({ valFraction: number(e.target.value, valFraction) })} />
        </label>
        <label title="The same seed and the same examples give the same split and the same model">
          Seed <input type="number" min={0} step={1} value={seed} onChange={(e) => state.set({ seed: Math.round(number(e.target.value, seed)) })} />
        </label>
        <label title="Labels with fewer reviewed examples are left out">
          Min. examples <input type="number" min={2} step={1} value={minExamples} onChange={(e) => state.set({ minExamples: Math.max(2, Math.round(number(e.target.value, minExamples))) })} />
        </label>
      </fieldset>
      <div className="dialog-buttons">
        {busy ? (
          <button type="button" onClick={() => void state.cancel()}>
            Cancel training
          </button>
        ) : (
          <button type="button" className="primary" disabled={chosen.length < 2} onClick={() => void state.start()}>
            Start training
          </button>
        )}
        <button type="button" onClick={state.closeDialog}>
          Close
        </button>
      </div>
      <Progress />
      {history.length > 0 && <TrainingChart history={history} maxEpochs={maxEpochs} {...(result ? { bestEpoch: result.record.bestEpoch } : {})} />}
      <TrainingResults />
    </Modal>
  );
}
