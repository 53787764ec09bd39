import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectLine } from '../../src/cli/commands/inspect';
import { decodeImage } from '../../src/cli/decode-image';
import { resizeToRgbFloats } from '../../src/domain/raster';
import { exifSegment, withSegments } from '../helpers/exif-writer';
import { fixturePath, readFixture } from '../helpers/fixtures';
import { type Run, workbench } from '../helpers/workbench';

const starfish = createRequire(import.meta.url).resolve('exif-parser/test/starfish.jpg');
const digest = (tool: string, path: string) => execFileSync(tool, [path], { encoding: 'utf8' }).split(' ')[0];

/** The astronaut shrunk to 60 % and written as a JPEG at quality 50: a near-duplicate with other bytes. */
function smallerAstronaut(): Uint8Array {
  const { pixels } = decodeImage(readFixture('astronaut.png'));
  const rgb = resizeToRgbFloats(pixels, 307, 307);
  const rgba = Buffer.alloc(307 * 307 * 4, 255);
  for (let i = 0; i < 307 * 307; i++) for (let c = 0; c < 3; c++) rgba[i * 4 + c] = rgb[i * 3 + c]!;
  return new Uint8Array(jpeg.encode({ data: rgba, width: 307, height: 307 }, 50).data);
}

let dir: string;
let run: Run;
let lines: InspectLine[];
let files: { starfish: string; astronaut: string; copy: string; rocket: string; notes: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workbench-inspect-'));
  files = {
    starfish: join(dir, 'starfish.jpg'),
    astronaut: fixturePath('astronaut.png'),
    copy: join(dir, 'astronaut-small.jpg'),
    rocket: join(dir, 'rocket-canon.jpg'),
    notes: join(dir, 'notes.txt'),
  };
  await copyFile(starfish, files.starfish);
  await writeFile(files.copy, smallerAstronaut());
  await writeFile(files.rocket, withSegments(readFixture('rocket.jpg'), exifSegment({ make: 'Canon', model: 'EOS R5', dateTimeOriginal: '2024:03:05 14:15:16', offsetTimeOriginal: '-05:00', gps: { lat: 40.6892, lon: -74.0445, alt: 10 } })));
  await writeFile(files.notes, 'not an image\n');
  const listA = join(dir, 'seized-a.txt');
  const listB = join(dir, 'nsrl-b.csv');
  await writeFile(listA, [digest('md5sum', files.rocket), 'this line is no hash', `${digest('sha256sum', files.notes)}  notes.txt`].join('\n'));
  await writeFile(listB, `"SHA-1","FileName"\n"${digest('sha1sum', files.starfish)}","starfish.jpg"\n"12345","x"\n`);
  run = await workbench('inspect', ...Object.values(files), join(dir, 'missing.png'), '--hash-list', listA, '--hash-list', listB, '--near-duplicates');
  lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('workbench inspect', () => {
  it('prints one object per readable file with md5sum, sha1sum and sha256sum digests and the size', () => {
    const perFile = lines.slice(0, -1);
    expect(perFile.map((l) => l.file)).toEqual(Object.values(files));
    for (const line of perFile) {
      expect(Object.keys(line)).toEqual(['file', 'size', 'md5', 'sha1', 'sha256', 'phash', 'exif', 'matches']);
      expect([line.md5, line.sha1, line.sha256]).toEqual([digest('md5sum', line.file), digest('sha1sum', line.file), digest('sha256sum', line.file)]);
    }
    expect(perFile[1]!.size).toBe(readFixture('astronaut.png').length);
  });

  it('reads make, model, time with its offset and GPS', () => {
    const [fish, , , rocket] = lines;
    expect(fish!.exif).toEqual({ make: 'Nokia', model: 'Lumia 820', time: '2013-05-10T15:21:35', gps: { lat: 55.0387558, lon: 8.4571906, alt: 0.05 } });
    expect(rocket!.exif).toEqual({ make: 'Canon', model: 'EOS R5', time: '2024-03-05T14:15:16-05:00', gps: { lat: 40.6892, lon: -74.0445, alt: 10 } });
    expect(lines[1]!.exif).toEqual({ make: null, model: null, time: null, gps: null });
  });

  it('names the lists that hold one of its hashes, whichever algorithm', () => {
    expect(lines.slice(0, -1).map((l) => l.matches)).toEqual([['nsrl-b'], [], [], ['seized-a'], ['seized-a']]);
  });

  it('names malformed list lines on stderr by number and the missing file, and exits 1', () => {
    expect(run.stderr).toContain(`seized-a.txt line 2: "this" is not a hex MD5, SHA-1 or SHA-256 (skipped)`);
    expect(run.stderr).toContain(`nsrl-b.csv line 3: "12345" has 5 hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64 (skipped)`);
    expect(run.stderr).toContain(`${join(dir, 'missing.png')}: no such file`);
    expect(run.stderr).toContain(`${files.notes}: no perceptual hash`);
    expect(run.code).toBe(1);
  });

  it('gives images a perceptual hash, others none, and groups the shrunk, recompressed copy with its original', () => {
    expect(lines.slice(0, -1).map((l) => l.phash === null)).toEqual([false, false, false, false, true]);
    expect(lines.at(-1)).toEqual({ groups: [[files.astronaut, files.copy]] });
  });

  it('refuses --max-distance without --near-duplicates and a distance out of range', async () => {
    expect((await workbench('inspect', files.astronaut, '--max-distance', '4')).stderr).toContain('--max-distance goes with --near-duplicates');
    const bad = await workbench('inspect', files.astronaut, '--near-duplicates', '--max-distance', '65');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-distance must be a whole number from 0 to 64, got "65"');
  });
});
