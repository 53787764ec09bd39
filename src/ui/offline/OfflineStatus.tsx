import { useServiceWorker } from '../../pwa/registration';
import { stopWorkersForReload } from '../../state/services';
import { ConnectionBadge } from './ConnectionBadge';
import { OfflineModels } from './OfflineModels';
import { StorageNotice } from './StorageNotice';
import { UpdateBanner } from './UpdateBanner';
import { useOnline } from './useOnline';
import './offline.css';

/** Online state, offline readiness of the models, storage, and the update prompt. */
export function OfflineStatus() {
  const online = useOnline();
  const { updateReady, offlineReady, applyUpdate, dismissUpdate } = useServiceWorker();
  return (
    <div className="offline-status" role="group" aria-label="Offline status">
      <div className="offline-badges">
        <ConnectionBadge online={online} />
        <OfflineModels online={online} offlineReady={offlineReady} />
        <StorageNotice />
      </div>
      {updateReady && (
        <UpdateBanner
          onReload={() => {
            stopWorkersForReload();
            applyUpdate();
          }}
          onLater={dismissUpdate}
        />
      )}
    </div>
  );
}
