// npm run bench: one JSON object per line. Figures are for comparing within one run; machines are noisy.
import { execFileSync } from 'node:child_process';
import { benchBrowser } from './browser';
import { benchNode } from './node-engine';
import { repoRoot } from './report';

const only = process.argv[2];
if (!only || only === 'node') await benchNode();
if (!only || only === 'browser') {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: repoRoot, stdio: 'inherit' });
  await benchBrowser();
}
