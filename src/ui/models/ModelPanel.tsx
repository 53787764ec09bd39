import type { BackendChoice } from '../../ml/protocol';
import type { ModelManifest } from '../../domain/model-manifest';
import { useDetection } from '../../state/detection';
import { ModelButtons } from './ModelButtons';

/** Bundled models by name; library models by name and version, so two versions can be told apart. */
const optionName = (m: ModelManifest) => (m.library ? `${m.name} · v${m.library.versionNumber} (library)` : m.name);

const CHOICES: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (verified)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

const WORKER_CHOICES = [1, 2, 3, 4];

export function ModelPanel() {
  const { models, model, backendChoice, wasmThreads, workers, phase, report, engineError, notice, selectModel, setBackendChoice, setWasmThreads, setWorkers, reverifyBackend, stats, refreshStats } =
    useDetection();
  const busy = phase === 'preparing' || phase === 'starting';

  return (
    <div className="model-panel">
      <label>
        Model{' '}
        <select value={model?.id ?? ''} disabled={busy} onChange={(e) => void selectModel(e.target.value)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {optionName(m)}
            </option>
          ))}
        </select>
      </label>
      <ModelButtons />
      <label>
        Backend{' '}
        <select
          value={backendChoice}
          disabled={busy}
          onChange={(e) => void setBackendChoice(e.target.value as BackendChoice)}
        >
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label title="Threads need a cross-origin isolated page; single-threaded is for comparison or old browsers">
        WASM threads{' '}
        <select
          value={String(wasmThreads)}
          disabled={busy}
          onChange={(e) => void setWasmThreads(e.target.value === '1' ? 1 : 'auto')}
        >
          <option value="auto">Auto</option>
          <option value="1">1</option>
        </select>
      </label>
      <label title="Batches and tiled images run on this many workers, each with its own copy of the model (WASM and CPU backends); Auto: one per core, as memory allows">
        Workers{' '}
        <select value={String(workers)} disabled={busy} onChange={(e) => void setWorkers(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}>
          <option value="auto">Auto</option>
          {WORKER_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <span className={`engine-status ${phase}`} data-testid="engine-status" role="status">
        {phase === 'starting' && 'Starting…'}
        {phase === 'preparing' && 'Preparing model…'}
        {phase === 'ready' && report && `Running on ${report.backend}${report.forced ? ' (forced)' : ''}`}
        {phase === 'ready' && report?.threads !== undefined && ` · ${report.threads} ${report.threads === 1 ? 'thread' : 'threads'}`}
        {phase === 'ready' && report?.batch && report.batch.lanes > 1 && ` · batches on ${report.batch.lanes} workers`}
        {phase === 'error' && 'Engine error'}
      </span>
      {report && (
        <details className="backend-details" onToggle={(e) => e.currentTarget.open && void refreshStats()}>
          <summary>
            {report.warning ? 'Backend warning' : report.remembered ? 'Verified earlier' : report.skipped.length ? 'Why not the others?' : 'Details'}
          </summary>
          {report.remembered && (
            <p>
              {report.backend} was verified for this model on this device in an earlier session.{' '}
              <button type="button" onClick={() => void reverifyBackend()}>
                Verify again
              </button>
            </p>
          )}
          {report.warning && <p className="error">{report.backend} (forced): {report.warning}</p>}
          <ul>
            {report.skipped.map((s) => (
              <li key={s.name}>
                <strong>{s.name}</strong> skipped: {s.reason}
              </li>
            ))}
          </ul>
          <p>Warm-up on {report.backend}: {Math.round(report.warmupMs)} ms</p>
          {report.batch && (
            <p>
              Batches and tiled images: {report.batch.lanes} {report.batch.lanes === 1 ? 'worker' : 'workers'}
              {report.batch.lanes > 1 && report.backend === 'wasm' && `, ${report.batch.threads} ${report.batch.threads === 1 ? 'thread' : 'threads'} each`}
            </p>
          )}
          {stats && (
            <p data-testid="engine-stats">
              {stats.numTensors} tensors ({(stats.numBytes / 1e6).toFixed(1)} MB) held · {stats.inferences}{' '}
              {stats.inferences === 1 ? 'inference' : 'inferences'} this session
              {stats.lanes > 0 && ` · ${stats.laneRuns} ${stats.laneRuns === 1 ? 'run' : 'runs'} on ${stats.lanes} batch workers`}
            </p>
          )}
        </details>
      )}
      {notice && <p className="notice">{notice}</p>}
      {engineError && (
        <p className="error" role="alert">
          {engineError}
        </p>
      )}
    </div>
  );
}
