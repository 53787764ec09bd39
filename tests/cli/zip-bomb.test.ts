import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture, repoRoot } from '../helpers/fixtures';
import { type RawEntry, stored, writeZip, zeros, zerosSize } from '../helpers/zip-bomb';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zip-bomb-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const yoloSet = (): RawEntry[] => [
  stored('data.yaml', strToU8('names: [person]\n')),
  stored('images/astronaut.png', readFixture('astronaut.png')),
  stored('labels/astronaut.txt', strToU8('0 0.5 0.5 0.5 0.5\n')),
];

/** The workbench command with its peak resident memory and wall time. */
async function measuredRun(what: string, ...args: string[]): Promise<{ code: number; stderr: string; peakMb: number }> {
  const start = performance.now();
  const argv = ['--import', join(repoRoot, 'tests/helpers/report-peak.mjs'), join(repoRoot, 'bin/workbench.js'), ...args];
  let code = 0;
  let stderr: string;
  try {
    ({ stderr } = await promisify(execFile)(process.execPath, argv, { cwd: repoRoot }));
  } catch (error) {
    ({ code, stderr } = error as { code: number; stderr: string });
  }
  const peakMb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1]) / 1024;
  console.log(`${what}: exit ${code}, ${((performance.now() - start) / 1000).toFixed(2)} s, peak RSS ${peakMb.toFixed(0)} MB`);
  return { code, stderr: stderr.replace(/peak-rss-kb \d+\n/, ''), peakMb };
}

describe('workbench convert on zip bombs', () => {
  it('3 × 1 GiB of zeros beside a valid YOLO set: refused, naming the entry, in little memory; nothing written', async () => {
    const size = zerosSize(GiB);
    const zip = join(dir, 'bomb.zip');
    await writeFile(zip, writeZip([...yoloSet(), zeros('padding.bin', size), zeros('labels/zero.txt', size), zeros('images/zero.png', size)]));
    const out = join(dir, 'out.json');
    const run = await measuredRun('convert, 3 GiB bomb', 'convert', '--from', 'yolo', '--to', 'coco', zip, out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bomb.zip: labels/zero.txt: would inflate 1016.1 KiB to 1024 MiB (1032:1), more than the limit of 100:1 (a zip bomb?)');
    expect(existsSync(out)).toBe(false);
    expect(run.peakMb).toBeLessThan(500); // the unhardened reader peaked at 3.2 GB here
  });

  it('a bomb outside the set layout is skipped unread; the set converts', async () => {
    const zip = join(dir, 'padded.zip');
    await writeFile(zip, writeZip([...yoloSet(), zeros('padding.bin', zerosSize(GiB))]));
    const out = join(dir, 'padded.json');
    const run = await measuredRun('convert, bomb outside the layout', 'convert', '--from', 'yolo', '--to', 'coco', zip, out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).annotations).toHaveLength(1);
    expect(run.peakMb).toBeLessThan(500);
  });

  it('--zip-limits raises the limits for a file a person trusts', async () => {
    const zip = join(dir, 'dense.zip');
    await writeFile(zip, writeZip([...yoloSet(), zeros('images/blank.png', zerosSize(8 * MiB))]));
    const refused = await measuredRun('convert, 8 MiB of zeros at 1030:1', 'convert', '--from', 'yolo', '--to', 'coco', zip, join(dir, 'dense.json'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('dense.zip: images/blank.png: would inflate 8 KiB to 8 MiB (1030:1), more than the limit of 100:1');
    const raised = await measuredRun('convert, --zip-limits ratio=2000', 'convert', '--from', 'yolo', '--to', 'coco', '--zip-limits', 'ratio=2000', zip, join(dir, 'dense.json'));
    expect(raised.stderr).toBe('');
    expect(raised.code).toBe(0);
    const usage = await measuredRun('convert, bad --zip-limits', 'convert', '--from', 'yolo', '--to', 'coco', '--zip-limits', 'ratio=x', zip, join(dir, 'x.json'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--zip-limits: ratio must be a number of at least 1, got "x"');
  });
});
