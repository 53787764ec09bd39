// `npm run bench -- gpu`: CenterNet on WebGPU and WebGL against WASM, through the app, in headless Chromium started
// with the flags a real GPU needs on Linux (ANGLE on Vulkan; headless Chromium otherwise renders with SwiftShader,
// a CPU emulation). Says which adapter and renderer it got, whether each GPU backend agrees with WASM (the app's
// parity check on a probe input), and the ratios. On a machine without a GPU it runs on the software adapter.
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../tests/helpers/chromium';
import { type BackendFigures, benchBackend } from './browser';
import { startPreview } from './preview';
import { emit } from './report';

const PORT = 4353;
const IMAGES = ['astronaut.png', 'rocket.jpg', 'camera.png'];

/** Chrome's recipe for WebGPU and WebGL on NVIDIA GPUs in headless Linux (developer.chrome.com, "Supercharge Web AI model testing"). */
export const GPU_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-angle=vulkan',
  '--enable-features=Vulkan',
  '--disable-vulkan-surface',
  '--enable-unsafe-webgpu',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Adapter {
  webgpu: { vendor?: string; architecture?: string; device?: string; description?: string; fallback?: boolean } | string;
  webgl: string;
}

export async function benchGpu(): Promise<void> {
  const server = await startPreview(PORT);
  const args = process.env.BENCH_GPU_ARGS ? process.env.BENCH_GPU_ARGS.split(' ') : GPU_ARGS;
  const browser = await chromium.launch({ executablePath: chromiumPath, args });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const adapter: Adapter = await page.evaluate(async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string>; isFallbackAdapter?: boolean } | null> } }).gpu;
      const found = gpu ? await gpu.requestAdapter().catch(() => null) : null;
      const info = found?.info;
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return {
        webgpu: info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, fallback: Boolean(found?.isFallbackAdapter) } : gpu ? 'no adapter' : 'no navigator.gpu',
        webgl: gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'no webgl2',
      };
    });
    await page.close();
    const software = /swiftshader|llvmpipe|software/i.test(`${JSON.stringify(adapter.webgpu)} ${adapter.webgl}`);
    emit({ name: 'gpu.adapter', backend: 'none', figures: {}, adapter, software, args });

    const results: Record<string, BackendFigures | undefined> = {};
    for (const backend of ['wasm', 'webgpu', 'webgl']) results[backend] = await benchBackend(browser, server.url, backend, 'auto', IMAGES, 'gpu');
    const wasm = results.wasm;
    for (const backend of ['webgpu', 'webgl']) {
      const gpu = results[backend];
      emit({
        name: 'gpu.speedup_over_wasm',
        backend,
        model: 'coco-centernet',
        figures: { wasmMs: wasm?.steadyMedianMs ?? null, gpuMs: gpu?.steadyMedianMs ?? null, gpuModelMs: gpu?.modelMs ?? null },
        ratio: wasm && gpu ? wasm.steadyMedianMs / gpu.steadyMedianMs : null,
        parity: gpu?.parity ?? 'did not run',
        software,
      });
    }
  } finally {
    await browser.close();
    server.stop();
  }
}
