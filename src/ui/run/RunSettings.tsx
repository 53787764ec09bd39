import type { BackendChoice } from '../../ml/protocol';
import { useDetection } from '../../state/detection';
import { useWorkspace } from '../../state/workspace';
import { TilingControl } from '../batch/TilingControl';
import { StretchControl } from '../raster/StretchControl';

const CHOICES: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (verified)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU' },
];

/** Why this backend: skipped ones with the reason, a forced one's warning, the warm-up, tensors held. */
function BackendDetails() {
  const { report, stats, refreshStats, reverifyBackend } = useDetection();
  if (!report) return null;
  return (
    <details className="backend-details" onToggle={(e) => e.currentTarget.open && void refreshStats()}>
      <summary>{report.warning ? 'Backend warning' : report.remembered ? 'Verified earlier' : report.skipped.length ? 'Why not the others?' : 'Backend details'}</summary>
      {report.remembered && (
        <p>
          {report.backend} was verified for this model on this device in an earlier session.{' '}
          <button type="button" onClick={() => void reverifyBackend()}>
            Verify again
          </button>
        </p>
      )}
      {report.warning && (
        <p className="error">
          {report.backend} (forced): {report.warning}
        </p>
      )}
      <ul>
        {report.skipped.map((s) => (
          <li key={s.name}>
            <strong>{s.name}</strong> skipped: {s.reason}
          </li>
        ))}
      </ul>
      <p>
        Warm-up on {report.backend}: {Math.round(report.warmupMs)} ms
      </p>
      {report.batch && (
        <p>
          Batches and tiled images: {report.batch.lanes} {report.batch.lanes === 1 ? 'worker' : 'workers'}
          {report.batch.lanes > 1 && report.backend === 'wasm' && `, ${report.batch.threads} ${report.batch.threads === 1 ? 'thread' : 'threads'} each`}
        </p>
      )}
      {stats && (
        <p data-testid="engine-stats">
          {stats.numTensors} tensors ({(stats.numBytes / 1e6).toFixed(1)} MB) held · {stats.inferences} {stats.inferences === 1 ? 'inference' : 'inferences'} this session
          {stats.lanes > 0 && ` · ${stats.laneRuns} ${stats.laneRuns === 1 ? 'run' : 'runs'} on ${stats.lanes} batch workers`}
        </p>
      )}
    </details>
  );
}

const WORKER_CHOICES = [1, 2, 3, 4];

/** What the run settings are now, in the folded line: enough to know without opening it. */
function summary(tiling: string, backend: BackendChoice, workers: number | 'auto'): string {
  return `tiling ${tiling} · backend ${backend} · workers ${workers}`;
}

/** Backend, WASM threads, tiling and the 16-bit stretch: each a run setting with its own cached results. */
export function RunSettings() {
  const { backendChoice, wasmThreads, workers, phase, tiling, setBackendChoice, setWasmThreads, setWorkers } = useDetection();
  const open = useWorkspace((s) => s.runSettingsOpen);
  const busy = phase === 'preparing' || phase === 'starting';
  return (
    <details className="run-settings" open={open} onToggle={(e) => useWorkspace.getState().setRunSettingsOpen(e.currentTarget.open)}>
      <summary>
        Run settings <span className="summary-note">{summary(tiling.mode, backendChoice, workers)}</span>
      </summary>
      <div className="run-settings-body" role="group" aria-label="Run settings">
        <div className="run-row">
          <label>
            Backend{' '}
            <select value={backendChoice} disabled={busy} onChange={(e) => void setBackendChoice(e.target.value as BackendChoice)}>
              {CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label title="Threads need a cross-origin isolated page; single-threaded is for comparison or old browsers">
            WASM threads{' '}
            <select value={String(wasmThreads)} disabled={busy} onChange={(e) => void setWasmThreads(e.target.value === '1' ? 1 : 'auto')}>
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
        </div>
        <TilingControl />
        <StretchControl />
        <BackendDetails />
      </div>
    </details>
  );
}
