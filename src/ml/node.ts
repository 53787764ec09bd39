// Node runtime for the engine (CLI, model tests, bench): WASM backend with its binaries read from the package.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendName } from './backends';
import { Engine } from './engine';
import { setWasmPaths } from './tf';

let configured = false;

function configureTf(): void {
  if (configured) return;
  configured = true;
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  // tf.ts turns on production mode, which also silences the "install tfjs-node" banner (tfjs-node cannot install
  // here). Not IS_TEST, which also turns on a per-kernel leak check that wrongly fails the cpu backend's fused
  // matMul in layers models (Dense).
}

/** An engine reading models from a folder laid out like public/models/; WASM first, CPU as the fallback. */
export function createNodeEngine(modelsRoot: string, backends: readonly BackendName[] = ['wasm', 'cpu']): Engine {
  configureTf();
  return new Engine({
    readFile: async (path) => {
      const bytes = await readFile(join(modelsRoot, path));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    backends,
    now: () => performance.now(),
  });
}
