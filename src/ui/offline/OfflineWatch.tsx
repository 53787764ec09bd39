import { useEffect } from 'react';
import { checkOfflineModels, hasMissing, refillPrecache } from '../../pwa/offline-cache';
import { useServiceWorker } from '../../pwa/registration';
import { requestPersistence, storageEstimate } from '../../pwa/storage';
import { useDetection } from '../../state/detection';
import { useLibrary } from '../../state/library';
import { useOfflineStatus } from '../../state/offline-status';
import { useProjects } from '../../state/projects';
import { stopWorkersForReload } from '../../state/project-context';
import { useOnline } from './useOnline';

const REFILL_ATTEMPTS = 4;
const REFILL_RETRY_MS = 2_000;

/** Whether every bundled model is in the offline cache; a missing file is fetched again on the next online visit. */
function useOfflineModels(online: boolean, offlineReady: boolean): void {
  const engineError = useDetection((s) => s.engineError);
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
      if (live) useOfflineStatus.getState().report({ models: next });
    };
    const run = () => void check().catch(() => undefined);
    run();
    void navigator.serviceWorker?.ready.then(run); // after the first install has filled the precache
    return () => {
      live = false;
    };
  }, [online, offlineReady, engineError]);
}

/** Storage used, and persistent storage asked for once the project holds images. */
function useStorage(): void {
  const count = useLibrary((s) => s.images.length);
  const project = useProjects((s) => s.current?.id);
  const hasImages = count > 0;
  useEffect(() => {
    if (!hasImages) return undefined;
    let live = true;
    void requestPersistence().then((granted) => live && useOfflineStatus.getState().report({ persisted: granted }));
    return () => {
      live = false;
    };
  }, [hasImages]);
  useEffect(() => {
    let live = true;
    void storageEstimate().then((estimate) => live && useOfflineStatus.getState().report({ estimate }), () => undefined);
    return () => {
      live = false;
    };
  }, [count, project]);
}

/** Keeps the offline status store up to date; shows nothing itself. Mounted once. */
export function OfflineWatch() {
  const online = useOnline();
  const { updateReady, offlineReady, applyUpdate, dismissUpdate } = useServiceWorker();
  useEffect(() => {
    useOfflineStatus.getState().report({
      online,
      updateReady,
      applyUpdate: () => {
        stopWorkersForReload();
        applyUpdate();
      },
      dismissUpdate,
    });
  }, [online, updateReady, applyUpdate, dismissUpdate]);
  useOfflineModels(online, offlineReady);
  useStorage();
  return null;
}
