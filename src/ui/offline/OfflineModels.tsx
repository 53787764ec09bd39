import { useEffect, useState } from 'react';
import { checkOfflineModels, hasMissing, notOfflineMessage, refillPrecache, type OfflineModels as State } from '../../pwa/offline-cache';
import { useDetection } from '../../state/detection';

const REFILL_ATTEMPTS = 4;
const REFILL_RETRY_MS = 2_000;

/** Whether every bundled model is in the offline cache, and why a model that failed to load offline did. */
export function OfflineModels({ online, offlineReady }: { online: boolean; offlineReady: boolean }) {
  const engineError = useDetection((s) => s.engineError);
  const modelId = useDetection((s) => s.model?.id);
  const libraryCount = useDetection((s) => s.models.filter((m) => m.library).length);
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    let live = true;
    const check = async () => {
      let next = await checkOfflineModels();
      // "Fetched on your next online visit". The 'online' event can come a moment before requests go through
      // (a reconnecting network; the service worker's own network state follows the page's), so a refill that
      // fetched nothing is tried again a few times, a little later each time.
      for (let attempt = 0; online && hasMissing(next) && attempt < REFILL_ATTEMPTS && live; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, REFILL_RETRY_MS * attempt));
        await refillPrecache();
        next = await checkOfflineModels();
      }
      if (live) setState(next);
    };
    const run = () => void check().catch(() => undefined);
    run();
    void navigator.serviceWorker?.ready.then(run); // after the first install has filled the precache
    return () => {
      live = false;
    };
  }, [online, offlineReady, engineError]);

  if (!state) return null;
  if (state.kind === 'unsupported') {
    return <span className="offline-badge">Offline use: not set up here (no service worker)</span>;
  }
  if (state.kind === 'installing') return <span className="offline-badge">Saving the app and models for offline use…</span>;
  if (state.kind === 'no-index') {
    return (
      <p className="error" role="alert">
        The model list (models/index.json) is not available offline; it will be fetched on your next online visit.
      </p>
    );
  }

  const ready = state.models.filter((m) => m.missing.length === 0);
  const absent = state.models.filter((m) => m.missing.length > 0);
  // The engine's own error says a file could not be read; this says why, when the cache lacks it.
  const failed = engineError ? absent.filter((m) => modelId === undefined || m.id === modelId) : [];
  return (
    <>
      <span className={`offline-badge ${absent.length ? 'warn' : 'ok'}`} data-testid="offline-models">
        Offline-ready: {ready.length}/{state.models.length} models
        {absent.length > 0 && ` · not cached: ${absent.map((m) => m.name).join(', ')}`}
        {!state.indexCached && ' · model list not cached'}
      </span>
      {libraryCount > 0 && (
        <span className="offline-badge ok" data-testid="offline-library" title="Added models live in this browser's IndexedDB, not in the offline cache">
          + {libraryCount} from the model library (stored in this browser)
        </span>
      )}
      {failed.map((m) => (
        <p key={m.id} className="error" role="alert">
          {notOfflineMessage(m)} The other models and the rest of the app work offline.
        </p>
      ))}
    </>
  );
}
