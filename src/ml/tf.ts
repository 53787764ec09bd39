// The single place that loads TF.js and its backends; everything else in ml/ imports tf from here.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';

import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
export { tf };

/**
 * 'auto': the threaded SIMD build where the page is cross-origin isolated (SharedArrayBuffer), as many
 * threads as cores; 1: the single-threaded SIMD build. Must run before the WASM backend first starts.
 */
export function configureWasmThreads(threads: 'auto' | 1): void {
  if (threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  else setThreadsCount(Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1));
}

/** Threads the running WASM backend really uses (1 when the threaded build did not load). */
export function wasmThreadsInUse(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
export type { GraphModel } from '@tensorflow/tfjs';
