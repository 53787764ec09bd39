// The headers every response of the app carries: vite dev/preview send them (vite.config.ts), the service worker
// adds them to everything it serves from its cache, and the README shows them for a deployment.

/** Cross-origin isolation: SharedArrayBuffer for the threaded WASM backend. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

// Zero egress: nothing but this origin. 'wasm-unsafe-eval' compiles the TF.js WASM backend; its pthreads are
// blob: workers that importScripts() a blob: copy of the Emscripten glue (script-src and worker-src blob:, both
// made by our own code, never fetched); blob:/data: images are thumbnails and previews. React sets style attributes, which need
// 'unsafe-inline' in style-src (attributes and <style>, never script).
const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

const serialise = (d: Record<string, string[]>) =>
  Object.entries(d)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

/** For <meta http-equiv>: a meta policy cannot carry frame-ancestors (the browser warns and ignores it). */
export const CSP_META = serialise(directives);

/** For the Content-Security-Policy header. */
export const CSP_HEADER = serialise({ ...directives, 'frame-ancestors': ["'none'"] });

/** `vite` (dev) only: React Fast Refresh injects an inline module script into index.html. */
export const CSP_DEV = serialise({ ...directives, 'script-src': [...directives['script-src']!, "'unsafe-inline'"] });
