/// <reference types="vite-plugin-pwa/react" />
import { useRegisterSW } from 'virtual:pwa-register/react';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface ServiceWorkerState {
  /** A new version is installed and waits for the user to reload. */
  updateReady: boolean;
  /** The first install finished: the app shell and the models are cached. */
  offlineReady: boolean;
  /** Activates the waiting version; the page reloads once it has taken over. */
  applyUpdate(): void;
  dismissUpdate(): void;
}

/** Registers the service worker (a no-op under `vite` dev) and looks for a new version hourly and when back online. */
export function useServiceWorker(): ServiceWorkerState {
  const {
    needRefresh: [updateReady, setUpdateReady],
    offlineReady: [offlineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      const check = () => void registration.update().catch(() => undefined);
      setInterval(check, UPDATE_CHECK_MS);
      window.addEventListener('online', check);
    },
  });
  return {
    updateReady,
    offlineReady,
    applyUpdate: () => void updateServiceWorker(true),
    dismissUpdate: () => setUpdateReady(false),
  };
}
