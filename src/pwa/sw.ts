// Service worker (built by vite-plugin-pwa's injectManifest): precaches the app shell, the worker bundle, the
// WASM binaries and every bundled model file, listed at build time in self.__WB_MANIFEST, and serves them
// offline. Every response it serves gets the isolation and CSP headers, so the page and its workers stay
// cross-origin isolated (threaded WASM) offline and on hosts that cannot set headers.
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CSP_HEADER, ISOLATION_HEADERS } from './policy';
import { REFILL_PRECACHE, SKIP_WAITING } from './messages';

// The few ServiceWorkerGlobalScope members used here (the project's lib is DOM, not WebWorker).
interface Message {
  data: unknown;
  ports: readonly MessagePort[];
  waitUntil(promise: Promise<unknown>): void;
}
declare const self: {
  __WB_MANIFEST: (string | PrecacheEntry)[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: Message) => void): void;
};

function withHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  headers.set('Content-Security-Policy', CSP_HEADER);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const precache = new PrecacheController({ plugins: [{ handlerWillRespond: async ({ response }) => withHeaders(response) }] });
precache.precache(self.__WB_MANIFEST);
registerRoute(new PrecacheRoute(precache));
// Any navigation inside the scope opens the app shell.
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));
cleanupOutdatedCaches();

/**
 * Puts back precached files that went missing (evicted, deleted): Workbox serves them from the network while
 * online but does not cache them again. The page asks for this on an online visit where files are missing.
 */
async function refill(): Promise<number> {
  const cache = await caches.open(precache.strategy.cacheName);
  let added = 0;
  for (const [url, cacheKey] of precache.getURLsToCacheKeys()) {
    if (await cache.match(cacheKey)) continue;
    const response = await fetch(url, { cache: 'reload' });
    if (!response.ok) continue;
    await cache.put(cacheKey, response);
    added++;
  }
  return added;
}

// The first install takes the open page at once (so it works offline without a reload); an update waits
// until the user chooses to reload (the page sends SKIP_WAITING).
clientsClaim();
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === SKIP_WAITING) void self.skipWaiting();
  if (type === REFILL_PRECACHE) {
    const reply = (added: number | null) => event.ports[0]?.postMessage({ added });
    event.waitUntil(refill().then(reply, () => reply(null)));
  }
});
