// Main-thread handle on the inference worker. Imports no TF.js: the worker bundle carries it.
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol';

export type EngineClient = Comlink.Remote<EngineApi>;

export function startEngineWorker(onCrash: (message: string) => void): EngineClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  worker.addEventListener('error', (event) => onCrash(event.message || 'the inference worker stopped'));
  return Comlink.wrap<EngineApi>(worker);
}
