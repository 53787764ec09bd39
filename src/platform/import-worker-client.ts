import * as Comlink from 'comlink';
import type { ImportWork } from './import-work';

let remote: ImportWork | undefined;
let worker: Worker | undefined;
let onThePage = false;

/** Wraps a progress callback so it can cross into the worker (comlink passes it by reference). */
export const progressCallback = <T extends (...args: never[]) => unknown>(fn: T): T => (onThePage ? fn : Comlink.proxy(fn));

/**
 * The same work on the page, its code loaded only if it is needed (hashing, metadata and decoding libraries stay
 * out of the page's first bundle).
 */
const pageWork: ImportWork = {
  hash: async (file, onProgress) => (await import('./import-work')).importWork.hash(file, onProgress),
  inspect: async (file, stretch) => (await import('./import-work')).importWork.inspect(file, stretch),
};

/** The import worker, started on first use; where workers or OffscreenCanvas are missing, the same work on the page. */
export function importWorker(): ImportWork {
  if (remote) return remote;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    onThePage = true;
    return (remote = pageWork);
  }
  try {
    worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'import' });
    remote = Comlink.wrap<ImportWork>(worker) as unknown as ImportWork;
  } catch {
    onThePage = true;
    remote = pageWork;
  }
  return remote;
}

/**
 * Stops the file the import worker is on, wherever it is (hashing, decoding a huge raster): the worker is ended
 * and the next file gets a new one. Its pending calls never answer: the caller stops waiting for them itself.
 */
export function stopImportWorker(): void {
  worker?.terminate();
  worker = undefined;
  if (!onThePage) remote = undefined;
}
