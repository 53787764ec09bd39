// Messages from the page to the service worker.

/** Activate the waiting version (what workbox-window's messageSkipWaiting() sends). */
export const SKIP_WAITING = 'SKIP_WAITING';

/** Fetch precached files that are missing from the cache again; answers { added } on the transferred port. */
export const REFILL_PRECACHE = 'REFILL_PRECACHE';
