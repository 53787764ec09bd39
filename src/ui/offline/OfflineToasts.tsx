import { notOfflineMessage } from '../../pwa/offline-cache';
import { useDetection } from '../../state/detection';
import { nearlyFull, useOfflineStatus } from '../../state/offline-status';
import { Toast } from '../shell/Toast';

/** What working offline needs said: a new version waiting, a model the cache lacks, storage nearly full. */
export function OfflineToasts() {
  const { models, estimate, updateReady, applyUpdate, dismissUpdate } = useOfflineStatus();
  const engineError = useDetection((s) => s.engineError);
  const modelId = useDetection((s) => s.model?.id);
  // The engine's own error says a file could not be read; this says why, when the cache lacks it.
  const failed = engineError && models?.kind === 'checked' ? models.models.filter((m) => m.missing.length > 0 && (modelId === undefined || m.id === modelId)) : [];
  return (
    <>
      {updateReady && (
        <Toast tone="info" label="Update available">
          A new version of the workbench is ready. Your images and results are already saved.{' '}
          <span className="toast-actions">
            <button type="button" onClick={applyUpdate}>
              Reload now
            </button>
            <button type="button" onClick={dismissUpdate}>
              Later
            </button>
          </span>
        </Toast>
      )}
      {models?.kind === 'no-index' && <Toast tone="error">The model list (models/index.json) is not available offline; it will be fetched on your next online visit.</Toast>}
      {failed.map((m) => (
        <Toast key={m.id} tone="error">
          {notOfflineMessage(m)} The other models and the rest of the app work offline.
        </Toast>
      ))}
      {nearlyFull(estimate) && (
        <Toast tone="error" testId="storage-full-warning">
          Browser storage is over 90 % full: new imports may be refused. Back up and delete projects you do not need here.
        </Toast>
      )}
    </>
  );
}

/** A lasting state rather than news, so it sits in the status bar: the browser may clear this storage. */
export function PersistenceWarning() {
  const persisted = useOfflineStatus((s) => s.persisted);
  if (persisted !== false) return null;
  return (
    <p className="status-item warn" data-testid="storage-warning" title="The browser did not grant persistent storage: it may clear the images, results and offline copy when the disk runs low.">
      ⚠ Storage not persistent: keep your original files
      <span className="sr-only">. The browser did not grant persistent storage: it may clear the images, results and offline copy when the disk runs low.</span>
    </p>
  );
}
