/// <reference types="vite-plugin-pwa/react" />
import { useRef, useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const TAKEOVER_WAIT_MS = 4_000;

export interface ServiceWorkerState {
  /** A new version is installed and waits for the user to reload. */
  updateReady: boolean;
  /** The first install finished: the app shell and the models are cached. */
  offlineReady: boolean;
  /** Activates the waiting version; the page reloads once it has taken over. */
  applyUpdate(): void;
  /** Not now: this waiting version is not announced again until the next page load. */
  dismissUpdate(): void;
}

/** Registers the service worker (a no-op under `vite` dev) and looks for a new version hourly and when back online. */
export function useServiceWorker(): ServiceWorkerState {
  const registration = useRef<ServiceWorkerRegistration | null>(null);
  // workbox-window announces one waiting version twice ("installed", then "waiting" 200 ms later): "Later" holds for it.
  const dismissed = useRef<ServiceWorker | null>(null);
  const [updateReady, setUpdateReady] = useState(false);
  const {
    offlineReady: [offlineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onNeedRefresh() {
      const waiting = registration.current?.waiting ?? null;
      if (waiting === null || waiting !== dismissed.current) setUpdateReady(true);
    },
    onRegisteredSW(_url, r) {
      if (!r) return;
      registration.current = r;
      const check = () => void r.update().catch(() => undefined);
      setInterval(check, UPDATE_CHECK_MS);
      window.addEventListener('online', check);
    },
  });
  return {
    updateReady,
    offlineReady,
    applyUpdate: () => {
      // Another tab may have activated it already: this page then only needs to load again.
      if (registration.current && !registration.current.waiting) window.location.reload();
      else {
        void updateServiceWorker(true); // the page reloads once the new version controls it
        // Chromium has kept the new version waiting for minutes while a fetch of this page's workers was still open in
        // the old service worker. Whatever happens, the page reloads as the user asked: that ends its requests, and a
        // page that comes back on the old version shows the update again.
        setTimeout(() => window.location.reload(), TAKEOVER_WAIT_MS);
      }
    },
    dismissUpdate: () => {
      dismissed.current = registration.current?.waiting ?? null;
      setUpdateReady(false);
    },
  };
}
