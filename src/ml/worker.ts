// Inference worker: owns TF.js, the models and the backends, so inference never blocks the page.
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { decodeToPixels } from '../platform/image-decode';
import { BACKEND_PREFERENCE } from './backends';
import { Engine } from './engine';
import type { EngineApi } from './protocol';
import { configureWasmThreads, setWasmPaths } from './tf';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});


const base = new URL(import.meta.env.BASE_URL, self.location.origin);

const engine = new Engine({
  readFile: async (path) => {
    const response = await fetch(new URL(path, base));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
    return response.arrayBuffer();
  },
  backends: BACKEND_PREFERENCE,
  now: () => performance.now(),
});

const modelDir = (id: string) => `models/${id}`;
const loaded = new Set<string>();

async function ensureLoaded(modelId: string): Promise<void> {
  if (loaded.has(modelId)) return;
  await engine.load(modelDir(modelId));
  loaded.add(modelId);
}

const api: EngineApi = {
  async configure({ wasmThreads }) {
    configureWasmThreads(wasmThreads);
  },
  async listModels() {
    const response = await fetch(new URL('models/index.json', base));
    if (!response.ok) throw new Error('models/index.json is missing: run npm install to install the bundled models');
    const { models } = (await response.json()) as { models: string[] };
    return Promise.all(models.map((id) => engine.readManifest(modelDir(id))));
  },
  async prepare(modelId, choice) {
    await ensureLoaded(modelId);
    return engine.prepare(modelId, choice);
  },
  async detect(modelId, image, params) {
    await ensureLoaded(modelId);
    const t0 = performance.now();
    const pixels = await decodeToPixels(image);
    const decodeMs = performance.now() - t0;
    const result = await engine.detect(modelId, pixels, params);
    return { ...result, imageWidth: pixels.width, imageHeight: pixels.height, decodeMs };
  },
  async release(modelId) {
    await engine.release(modelId);
    loaded.delete(modelId);
  },
  async stats() {
    return { ...engine.memory(), inferences: engine.inferences };
  },
};

Comlink.expose(api);
