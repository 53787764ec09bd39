import { loadBackend, logicalCores, tf } from './tf';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

/** Preferred first; a later one is used when an earlier one is missing, software-emulated, or gives wrong answers. */
export const BACKEND_PREFERENCE: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface SkippedBackend {
  name: BackendName;
  reason: string;
}

export interface BackendReport {
  modelId: string;
  backend: BackendName;
  forced: boolean;
  skipped: SkippedBackend[];
  /** Set when a forced backend failed the parity check but runs anyway, as asked. */
  warning?: string;
  /** Time of the warm-up run on the chosen backend (shader compilation, first allocation). */
  warmupMs: number;
  /** Threads of the WASM backend (1 unless the threaded build runs). */
  threads?: number;
  /** Which machine and browser this choice was made on (see deviceSignature). */
  device: string;
  /** True when an earlier session's verified choice for this model and device was reused without probing. */
  remembered: boolean;
}

/** Browser, cores and GPU: a remembered backend choice only holds on the same device. */
export async function deviceSignature(): Promise<string> {
  const nav = globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }) | undefined;
  if (!nav || typeof OffscreenCanvas === 'undefined') return `node ${globalThis.process?.version ?? ''}`.trim();
  const adapter = await nav.gpu?.requestAdapter().catch(() => null);
  const gpu = adapter?.info ? `${adapter.info.vendor ?? ''} ${adapter.info.architecture ?? ''}` : 'no webgpu';
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  const ext = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = ext && gl ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'no webgl';
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
  return [nav.userAgent, logicalCores, gpu, renderer].join(' | ');
}

export async function activateBackend(name: BackendName): Promise<boolean> {
  try {
    if (tf.getBackend() === name) return true;
    if (!(await loadBackend(name))) return false;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string };
}

/**
 * A GPU that is really a CPU emulation (SwiftShader, llvmpipe: VMs, remote desktops, CI) is far slower than
 * WASM here, so auto mode passes it over. Returns why, or undefined for a real GPU.
 */
export async function softwareGpuReason(name: BackendName): Promise<string | undefined> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } })?.gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return undefined;
    const info = adapter.info ?? {};
    const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`;
    if (adapter.isFallbackAdapter || /swiftshader|llvmpipe|software/i.test(text)) {
      return `software-emulated GPU (${text.trim() || 'fallback adapter'}); WASM is faster here`;
    }
  }
  if (name === 'webgl' && typeof OffscreenCanvas !== 'undefined') {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext && gl ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    if (/swiftshader|llvmpipe|software/i.test(renderer)) {
      return `software-emulated GPU (${renderer}); WASM is faster here`;
    }
  }
  return undefined;
}
