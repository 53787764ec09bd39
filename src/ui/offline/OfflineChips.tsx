import { formatBytes } from '../../pwa/storage';
import { useDetection } from '../../state/detection';
import { nearlyFull, useOfflineStatus } from '../../state/offline-status';

/** The header's short status: online or not, models kept for offline use, storage used. Details on hover. */
export function OfflineChips() {
  const { online, models, persisted, estimate } = useOfflineStatus();
  const libraryCount = useDetection((s) => s.models.filter((m) => m.library).length);
  return (
    <div className="status-chips" role="group" aria-label="Offline status">
      <span className={`chip ${online ? 'ok' : 'warn'}`} data-testid="connection">
        {online ? 'Online' : 'Offline'}
      </span>
      <ModelsChip models={models} />
      {libraryCount > 0 && (
        <span className="chip ok" data-testid="offline-library" title="Added models live in this browser's IndexedDB, not in the offline cache: they work offline too">
          + {libraryCount} library {libraryCount === 1 ? 'model' : 'models'}
        </span>
      )}
      {estimate && (
        <span
          className={`chip${nearlyFull(estimate) || persisted === false ? ' warn' : ''}`}
          data-testid="storage-usage"
          title={`Browser storage used by all projects: ${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)}${persisted ? ', persistent' : persisted === false ? ', not persistent: the browser may clear it when the disk runs low' : ''}`}
        >
          <span className="wide-only">Storage: </span>
          {formatBytes(estimate.usage)}
          <span className="wide-only"> of {formatBytes(estimate.quota)}</span>
          {persisted && <span className="wide-only"> · persistent</span>}
        </span>
      )}
    </div>
  );
}

function ModelsChip({ models }: { models: ReturnType<typeof useOfflineStatus.getState>['models'] }) {
  if (!models) return null;
  if (models.kind === 'unsupported') return <span className="chip" title="No service worker here: nothing is kept for offline use">Not offline-ready</span>;
  if (models.kind === 'installing') return <span className="chip">Saving for offline use…</span>;
  if (models.kind === 'no-index') return <span className="chip warn">Model list not offline</span>;
  const ready = models.models.filter((m) => m.missing.length === 0).length;
  const absent = models.models.filter((m) => m.missing.length > 0);
  const title = absent.length ? `Not in the offline cache: ${absent.map((m) => m.name).join(', ')}` : 'Every bundled model works without a network';
  return (
    <span className={`chip ${absent.length || !models.indexCached ? 'warn' : 'ok'}`} data-testid="offline-models" title={title}>
      Offline<span className="wide-only">-ready:</span> {ready}/{models.models.length}
      <span className="wide-only"> models</span>
      {absent.length > 0 && <span className="wide-only"> · not cached: {absent.map((m) => m.name).join(', ')}</span>}
      {!models.indexCached && <span className="wide-only"> · model list not cached</span>}
    </span>
  );
}
