import * as Comlink from 'comlink';
import { type ImportWork, importWork } from './import-work';

let remote: ImportWork | undefined;

/** Wraps a progress callback so it can cross into the worker (comlink passes it by reference). */
export const progressCallback = <T extends (...args: never[]) => unknown>(fn: T): T => (remote === importWork ? fn : Comlink.proxy(fn));

/** The import worker, started on first use; where workers or OffscreenCanvas are missing, the same work on the page. */
export function importWorker(): ImportWork {
  if (remote) return remote;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') return importWork;
  try {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'import' });
    remote = Comlink.wrap<ImportWork>(worker) as unknown as ImportWork;
  } catch {
    remote = importWork;
  }
  return remote;
}
