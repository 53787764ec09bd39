// The single place that loads TF.js and its backends; everything else in ml/ imports tf from here.
// CPU and WASM are always there (the references every other backend is checked against); WebGL and WebGPU
// are loaded on first use, so a machine whose GPU is skipped never parses them.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from './tf-api';

export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
export { tf };

// Production mode everywhere: no debug checks or deprecation warnings, and no "install tfjs-node" banner in Node.
tf.enableProdMode();

const gpuBackends: Record<string, () => Promise<unknown>> = {
  webgl: () => import('./backend-webgl'),
  webgpu: () => import('./backend-webgpu'),
};

/** Registers a backend that is loaded on demand (WebGL, WebGPU); false when its code cannot load here. */
export async function loadBackend(name: string): Promise<boolean> {
  const load = gpuBackends[name];
  if (!load || tf.findBackendFactory(name)) return true;
  try {
    await load();
    return true;
  } catch {
    return false;
  }
}

/** Logical cores of this machine, read before configureWasmThreads changes what the worker reports. */
export const logicalCores = Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1);

/**
 * 'auto': the threaded SIMD build where the page is cross-origin isolated, with one thread per logical core; a
 * number: that many threads (1: the single-threaded SIMD build). Must run before the WASM backend first starts.
 *
 * TF.js 4.22's C++ side caps the thread pool at `num_cores`, a global set while the module starts to
 * emscripten_num_logical_cores() / 2, which the Emscripten glue answers with navigator.hardwareConcurrency
 * (backend.cc, init_with_threads_count: min(min(max(count, 1), 8), num_cores)). It halves the count assuming two
 * hyper-threads per core, so on a 2-core machine setThreadsCount(2) still gives one thread. The worker's
 * navigator therefore reports twice the threads wanted before the module starts.
 */
export function configureWasmThreads(threads: 'auto' | number): void {
  const count = threads === 'auto' ? logicalCores : Math.max(1, Math.floor(threads));
  if (count === 1) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return;
  }
  setThreadsCount(count);
  if (globalThis.navigator) Object.defineProperty(globalThis.navigator, 'hardwareConcurrency', { value: count * 2, configurable: true });
}

/** Threads the running WASM backend really uses (1 when the threaded build did not load). */
export function wasmThreadsInUse(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
export type { GraphModel } from './tf-api';

/** Bytes the active backend holds: the WASM heap (which only grows) on WASM, the tensors' bytes elsewhere. */
export function backendHeapBytes(): number {
  const backend = tf.backend() as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.buffer.byteLength ?? tf.memory().numBytes;
}
