import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig, type Plugin } from 'vitest/config';
import { CSP_DEV, CSP_HEADER, CSP_META, ISOLATION_HEADERS } from './src/pwa/policy.ts';

// Cross-origin isolation lets the threaded WASM backend use SharedArrayBuffer; the CSP keeps every request on
// this origin. The same policy goes into index.html as a <meta> so it holds wherever the files are served.
const headers = { ...ISOLATION_HEADERS, 'Content-Security-Policy': CSP_HEADER };

function cspMeta(): Plugin {
  return {
    name: 'workbench-csp-meta',
    transformIndexHtml: (_html, ctx) => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: ctx.server ? CSP_DEV : CSP_META },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [
    react(),
    cspMeta(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false, // src/pwa/registration.ts registers it (no inline script under the CSP)
      includeManifestIcons: false, // globPatterns below already precache public/icons/
      manifest: {
        name: 'Recognition Workbench',
        short_name: 'Workbench',
        description: 'Offline image recognition: detection runs in your browser, images never leave this machine.',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#15181d',
        theme_color: '#1e2229',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // App shell, worker bundle, the three WASM binaries, geotiff's codec chunks and public/models/**.
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest,json,bin}'],
        // The CenterNet weights are 4 MB and the unminified worker bundle about as much.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      },
    }),
  ],
  // The workers' dependencies (TF.js, geotiff) are pre-bundled at start too: found only once a worker starts, they
  // would make the dev server reload the page in the middle of a first import.
  optimizeDeps: { entries: ['index.html', 'src/ml/worker.ts', 'src/ml/worker-training.ts', 'src/platform/*-worker.ts'] },
  server: { headers: { ...headers, 'Content-Security-Policy': CSP_DEV } },
  preview: { headers },
  worker: {
    format: 'es',
    // Whitespace only in the worker: the threaded WASM backend serialises its Emscripten factory with
    // Function.toString() into the pthread workers, so renaming breaks it ("e is not defined") and so does
    // compression, which drops the outer `_scriptDir` the factory reads ("_scriptDir is not defined").
    rolldownOptions: { output: { minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } } } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/model/**/*.test.ts', 'tests/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
