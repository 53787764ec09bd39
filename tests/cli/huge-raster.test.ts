import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures';
import { hugeSparseGeoTiff } from '../helpers/huge-raster';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huge-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the command until a line of standard error matches, then stops it; resolves to everything it said. */
function untilLine(args: string[], wanted: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/workbench.js'), ...args], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (wanted.test(stderr)) child.kill('SIGTERM');
    });
    child.on('error', reject);
    child.on('exit', () => (wanted.test(stderr) ? resolve(stderr) : reject(new Error(`ended without ${wanted}:\n${stderr}`))));
  });
}

describe('workbench detect on a 100,000 × 100,000 px raster', () => {
  it('says how many tiles and about how long before it starts, then how far it got', async () => {
    const path = hugeSparseGeoTiff(dir);
    expect((await stat(path)).size).toBeLessThan(2_000_000);
    const start = performance.now();
    const stderr = await untilLine(['detect', path], /1 \/ 59,536 tiles/);
    console.log(`first progress line after ${((performance.now() - start) / 1000).toFixed(1)} s:\n${stderr}`);
    expect(stderr).toMatch(new RegExp(`^workbench: ${path.replace(/[.]/g, '\\.')}: 100,000 × 100,000 px: 59,536 tiles of 512 px \\(overlap 0\\.2\\), about \\d+ (h|min)`));
    expect(stderr).toMatch(/ms per tile\n/);
    expect(stderr).toMatch(/: 1 \/ 59,536 tiles \(0 %\), about \d+ (h|min)/);
  });
});
