// npm run bench: one JSON object per line. Figures are for comparing within one run; machines are noisy.
import { execFileSync } from 'node:child_process';
import { benchBrowser } from './browser';
import { benchCache } from './cache';
import { benchNode } from './node-engine';
import { repoRoot } from './report';
import { benchTiled } from './tiled';

// npm run bench [node|cache|tiled|browser]: one part, or all of them in this order.
const only = process.argv[2];
if (!only || only === 'node') await benchNode();
if (!only || only === 'cache') await benchCache();
if (!only || only === 'tiled') await benchTiled();
if (!only || only === 'browser') {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: repoRoot, stdio: 'inherit' });
  await benchBrowser();
}
