// Main-thread handle on the inference worker. Imports no TF.js: the worker bundle carries it.
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol';

export type EngineClient = Comlink.Remote<EngineApi>;

export interface EngineWorker {
  api: EngineClient;
  terminate(): void;
}

export function startEngineWorker(onCrash: (message: string) => void): EngineWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  worker.addEventListener('error', (event) => onCrash(event.message || 'the inference worker stopped'));
  const api = Comlink.wrap<EngineApi>(worker);
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Lets the worker call back into the page (progress events); comlink passes it by reference. */
export const callback = <T extends (...args: never[]) => unknown>(fn: T): T => Comlink.proxy(fn);
