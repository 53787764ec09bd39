// Main-thread handle on the training worker, started on first use. Imports no TF.js: the worker bundle carries it.
import * as Comlink from 'comlink';
import type { TrainingApi } from './training/protocol';

export type TrainingClient = Comlink.Remote<TrainingApi>;

let worker: Worker | undefined;
let remote: TrainingClient | undefined;

export function trainingWorker(onCrash: (message: string) => void): TrainingClient {
  if (remote) return remote;
  worker = new Worker(new URL('./worker-training.ts', import.meta.url), { type: 'module', name: 'training' });
  worker.addEventListener('error', (event) => onCrash(event.message || 'the training worker stopped'));
  remote = Comlink.wrap<TrainingApi>(worker);
  return remote;
}

export const trainingCallback = <T extends (...args: never[]) => unknown>(fn: T): T => Comlink.proxy(fn);
