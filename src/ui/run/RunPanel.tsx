import type { ModelManifest } from '../../domain/model-manifest';
import { useDetection } from '../../state/detection';
import { useDialogs } from '../../state/dialogs';
import { useLibrary } from '../../state/library';
import { ThresholdSlider } from '../batch/ThresholdSlider';
import { Menu } from '../common/Menu';
import { RelabelPicker } from '../training/RelabelPicker';
import { RunSettings } from './RunSettings';
import './run.css';
import { actionButton } from '../actions/useAction';

/** Bundled models by name; library models by name and version, so two versions can be told apart. */
const optionName = (m: ModelManifest) => (m.library ? `${m.name} · v${m.library.versionNumber} (library)` : m.name);

function ModelPicker() {
  const models = useDetection((s) => s.models);
  const model = useDetection((s) => s.model);
  const busy = useDetection((s) => s.phase === 'preparing' || s.phase === 'starting');
  const open = (dialog: string) => () => useDialogs.getState().show(dialog);
  return (
    <div className="run-row model-row">
      <label htmlFor="model-select">Model</label>
      <select id="model-select" value={model?.id ?? ''} disabled={busy} onChange={(e) => void useDetection.getState().selectModel(e.target.value)}>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {optionName(m)}
          </option>
        ))}
      </select>
      <Menu
        label="Models"
        items={[
          { label: 'Add model…', onSelect: open('add-model'), title: 'A TF.js model: a folder, its files or a zip' },
          { label: 'Model library…', onSelect: open('library'), title: 'Every added model and version: rename, export, remove' },
        ]}
      />
    </div>
  );
}

/** Detect (or Classify) this image, and every image not done yet with this model and these settings. */
function RunButtons() {
  const images = useLibrary((s) => s.images);
  const current = useLibrary((s) => s.images.find((i) => i.sha256 === s.selected));
  const { batch, pending, phase, model } = useDetection();
  const verb = model?.task === 'classify' ? 'Classify' : 'Detect';
  const cannotRun = phase === 'error' || phase === 'starting';
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={cannotRun || !current || Boolean(current && pending[current.sha256])}
        {...actionButton('detect', `${verb} this image`)}
      >
        {verb}
      </button>
      <button
        type="button"
        disabled={cannotRun || images.length === 0 || batch !== null}
        {...actionButton('detect-all', `${verb} every image not yet done with this model and parameters`)}
      >
        {verb} all
      </button>
    </>
  );
}

/** The engine: starting, preparing the model, or on which backend it runs. */
function EngineStatus() {
  const phase = useDetection((s) => s.phase);
  const report = useDetection((s) => s.report);
  return (
    <span className={`engine-status ${phase}`} data-testid="engine-status" role="status">
      {phase === 'starting' && 'Starting…'}
      {phase === 'preparing' && 'Preparing model…'}
      {phase === 'ready' && report && `Running on ${report.backend}${report.forced ? ' (forced)' : ''}`}
      {phase === 'ready' && report?.threads !== undefined && ` · ${report.threads} ${report.threads === 1 ? 'thread' : 'threads'}`}
      {phase === 'ready' && report?.batch && report.batch.lanes > 1 && ` · batches on ${report.batch.lanes} workers`}
      {phase === 'error' && 'Engine error'}
    </span>
  );
}

/**
 * Everything about running a model in one place: which model (and the box labeller chained after a detector), run
 * it on this image or all, the min score shown, and the run settings (backend, threads, workers, tiling, 16-bit
 * stretch) folded under them.
 */
export function RunPanel() {
  const engineError = useDetection((s) => s.engineError);
  return (
    <section className="run-panel" aria-labelledby="run-title">
      <div className="run-row">
        <h2 id="run-title" className="panel-title">
          Run
        </h2>
        <EngineStatus />
      </div>
      <ModelPicker />
      <RelabelPicker />
      <div className="run-row">
        <RunButtons />
      </div>
      <ThresholdSlider />
      <RunSettings />
      {engineError && (
        <p className="error" role="alert">
          {engineError}
        </p>
      )}
    </section>
  );
}
