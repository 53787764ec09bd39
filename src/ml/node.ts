// Node runtime for the engine (CLI, model tests, bench): WASM backend with its binaries read from the package.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Engine } from './engine';
import { setWasmPaths, tf } from './tf';

let configured = false;

function configureTf(): void {
  if (configured) return;
  configured = true;
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner; tfjs-node cannot install here.
}

/** An engine reading models from a folder laid out like public/models/. */
export function createNodeEngine(modelsRoot: string): Engine {
  configureTf();
  return new Engine({
    readFile: async (path) => {
      const bytes = await readFile(join(modelsRoot, path));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    backends: ['wasm', 'cpu'],
    now: () => performance.now(),
  });
}
