// npm run bench: one JSON object per line. Figures are for comparing within one run; machines are noisy.
import { execFileSync } from 'node:child_process';
import { benchArea } from './area';
import { benchBrowser } from './browser';
import { benchCache } from './cache';
import { benchEvidence } from './evidence';
import { benchFormats } from './formats';
import { benchEvaluation } from './evaluation';
import { benchGallery } from './gallery';
import { benchGeoTiff20k } from './geotiff-20k';
import { benchHash } from './hash';
import { benchHostile } from './hostile';
import { benchNode } from './node-engine';
import { benchPan } from './pan';
import { outDirArgs } from './preview';
import { repoRoot } from './report';
import { benchTiled } from './tiled';
import { benchTraining } from './training';

// npm run bench [node|cache|tiled|geotiff|area|hash|evidence|formats|evaluation|hostile|training|gallery|browser|pan]: one part, or all of them in this order.
const only = process.argv[2];
if (!only || only === 'node') await benchNode();
if (!only || only === 'cache') await benchCache();
if (!only || only === 'tiled') await benchTiled();
if (!only || only === 'geotiff') await benchGeoTiff20k();
if (!only || only === 'area') await benchArea();
if (!only || only === 'hash') await benchHash();
if (!only || only === 'evidence') await benchEvidence();
if (!only || only === 'formats') await benchFormats();
if (!only || only === 'evaluation') await benchEvaluation();
if (!only || only === 'hostile') await benchHostile();
if (!only || only === 'training') await benchTraining();
if (!only || only === 'gallery') await benchGallery();
if (!only || only === 'browser') {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', ...outDirArgs()], { cwd: repoRoot, stdio: 'inherit' });
  await benchBrowser();
}
if (!only || only === 'pan') await benchPan();
