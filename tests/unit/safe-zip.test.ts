import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importDataset } from '../../src/domain/dataset/codec';
import { bundledImageSizes } from '../../src/domain/dataset/match';
import { bytesSource, openZip, RATIO_FLOOR, ZipError } from '../../src/domain/dataset/safe-zip';
import { parseSize, parseZipLimits } from '../../src/domain/dataset/zip-limits';
import { isSetFile, splitSetFiles, unzipSet } from '../../src/domain/dataset/zip';
import { readFixture } from '../helpers/fixtures';
import { type RawEntry, stored, writeZip, zeros, zerosSize } from '../helpers/zip-bomb';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const dir = mkdtempSync(join(tmpdir(), 'safe-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid YOLO set: astronaut.png with one person box. */
const yoloSet = (): RawEntry[] => [
  stored('data.yaml', strToU8('names: [person]\n')),
  stored('images/astronaut.png', readFixture('astronaut.png')),
  stored('labels/astronaut.txt', strToU8('0 0.5 0.5 0.5 0.5\n')),
];

/** Time and memory an operation took, printed with the test (the figures the issue asks to see). */
async function measured<T>(what: string, run: () => Promise<T>): Promise<T> {
  const before = process.memoryUsage();
  const start = performance.now();
  try {
    return await run();
  } finally {
    const after = process.memoryUsage();
    const mb = (n: number) => `${(n / MiB).toFixed(1)} MB`;
    console.log(
      `${what}: ${(performance.now() - start).toFixed(1)} ms, heap +${mb(after.heapUsed - before.heapUsed)}, array buffers +${mb(after.arrayBuffers - before.arrayBuffers)}, rss ${mb(after.rss)} (was ${mb(before.rss)})`,
    );
  }
}

const refusal = (run: () => Promise<unknown>) => run().then(() => null, (e: unknown) => e as ZipError);

describe('the hardened zip reader', () => {
  it('3 × 1 GiB of zeros beside a valid YOLO set (3 MB on disk): refused by name, before inflating', async () => {
    const size = zerosSize(GiB);
    const zip = writeZip([...yoloSet(), zeros('padding.bin', size), zeros('labels/zero.txt', size), zeros('images/zero.png', size)]);
    expect(zip.length).toBeLessThan(4 * MiB);
    const error = await measured('3 GiB bomb refused', () => refusal(() => openZip(bytesSource(zip), 'bomb.zip', { keep: isSetFile })));
    expect(error).toBeInstanceOf(ZipError);
    expect(error!.entry).toBe('labels/zero.txt');
    expect(error!.message).toMatch(/^labels\/zero\.txt: would inflate 1016\.1 KiB to 1024 MiB \(1032:1\), more than the limit of 100:1 \(a zip bomb\?\)$/);
    const problems = await refusal(() => unzipSet(bytesSource(zip), 'bomb.zip'));
    expect(problems!.message).toContain('bomb.zip: labels/zero.txt: would inflate');
  });

  it('an entry outside the set layout is skipped without being inflated; the set reads', async () => {
    const zip = writeZip([...yoloSet(), zeros('padding.bin', zerosSize(GiB))]);
    const opened = await measured('bomb outside the layout skipped', () => openZip(bytesSource(zip), 'set.zip', { keep: isSetFile }));
    expect(opened.skipped).toEqual(['padding.bin']);
    expect(opened.entries.map((e) => e.name)).toEqual(['data.yaml', 'images/astronaut.png', 'labels/astronaut.txt']);
    const { text, images } = splitSetFiles(await unzipSet(bytesSource(zip), 'set.zip'));
    const dataset = importDataset('yolo', text, bundledImageSizes(images));
    expect(dataset.annotations.map((a) => [a.imageFileName, a.label, a.box])).toEqual([['astronaut.png', 'person', { x: 128, y: 128, w: 256, h: 256 }]]);
  });

  it('an entry that lies about its size is stopped a few megabytes past what it declared', async () => {
    const zip = writeZip([zeros('images/liar.png', zerosSize(256 * MiB), MiB)]);
    const opened = await openZip(bytesSource(zip), 'liar.zip');
    const error = await measured('lying entry stopped', () => refusal(() => opened.read(opened.entries[0]!)));
    expect(error!.message).toBe('images/liar.png: inflates past the 1 MiB its header declares');
    // Inflated in 16 KiB steps of compressed data, each at most 16 KiB × 1032 (deflate's largest ratio) of output:
    // stopped in the step that passed 1 MiB, not after 256 MiB. (The process's memory, printed above, moves with GC.)
    expect(error!.inflatedBytes).toBeGreaterThan(MiB);
    expect(error!.inflatedBytes).toBeLessThan(MiB + 16 * 1024 * 1032);
  });

  it('entries sharing one compressed stream (an overlapping bomb) are refused', async () => {
    const kernel = zeros('a.txt', zerosSize(RATIO_FLOOR / 2));
    const zip = writeZip([kernel, { ...kernel, name: 'b.txt', sameDataAs: 'a.txt' }, { ...kernel, name: 'c.txt', sameDataAs: 'a.txt' }]);
    expect((await refusal(() => openZip(bytesSource(zip), 'overlap.zip')))!.message).toBe('b.txt: overlaps a.txt in the archive');
  });

  it('per-file and whole-archive limits, and how to raise them', async () => {
    const eight = zerosSize(8 * MiB);
    const zip = writeZip([zeros('a.txt', eight), zeros('b.txt', eight)]);
    expect((await refusal(() => openZip(bytesSource(zip), 'x.zip')))!.message).toMatch(/^a\.txt: would inflate .* \(1030:1\), more than the limit of 100:1/);
    const raised = parseZipLimits('ratio=2000,total=12MiB');
    expect((await refusal(() => openZip(bytesSource(zip), 'x.zip', { limits: raised })))!.message).toBe(
      'b.txt: the files up to this one would inflate to 16 MiB, more than the limit of 12 MiB per archive',
    );
    const opened = await openZip(bytesSource(zip), 'x.zip', { limits: parseZipLimits('ratio=2000') });
    expect((await opened.read(opened.entries[1]!)).every((b) => b === 0)).toBe(true);
    expect((await refusal(() => openZip(bytesSource(zip), 'x.zip', { limits: parseZipLimits('entry=4MiB,ratio=2000') })))!.message).toBe(
      'a.txt: would inflate to 8 MiB, more than the limit of 4 MiB per file',
    );
    expect(parseSize('1.5GiB')).toBe(1.5 * GiB);
    expect(() => parseZipLimits('entry=lots')).toThrow('"lots" is not a size');
    expect(() => parseZipLimits('depth=3')).toThrow('unknown limit "depth"');
  });

  it('paths outside the archive, names listed twice, other compression methods, damage', async () => {
    const file = strToU8('hello');
    const cases: [RawEntry[], string][] = [
      [[stored('../../etc/passwd', file)], '../../etc/passwd: a path outside the archive (absolute, or with "..")'],
      [[stored('/abs.txt', file)], '/abs.txt: a path outside the archive (absolute, or with "..")'],
      [[stored('a.txt', file), stored('a.txt', file)], 'a.txt: listed twice in the archive'],
      [[{ ...stored('a.txt', file), method: 12 as 0 }], 'a.txt: compressed with method 12; only stored and deflated files are read'],
    ];
    for (const [entries, message] of cases) expect((await refusal(() => openZip(bytesSource(writeZip(entries)), 'x.zip')))!.message).toBe(message);
    const damaged = writeZip([stored('a.txt', file)]);
    damaged[30 + 'a.txt'.length]! ^= 1;
    const opened = await openZip(bytesSource(damaged), 'x.zip');
    expect((await refusal(() => opened.read(opened.entries[0]!)))!.message).toBe('a.txt: damaged: its CRC-32 does not match');
    expect((await refusal(() => openZip(bytesSource(damaged.subarray(0, 40)), 'cut.zip')))!.message).toBe('cut.zip: not a readable zip, or cut short (no end of central directory)');
  });

  it('reads what fflate and Python write, byte for byte', async () => {
    const files = { 'a/x.json': strToU8('{"a": 1}'.repeat(1000)), 'b.png': readFixture('chelsea.png') };
    for (const zip of [zipSync(files), zipSync(files, { level: 0 })]) {
      const opened = await openZip(bytesSource(zip), 'fflate.zip');
      for (const entry of opened.entries) expect(await opened.read(entry)).toEqual(files[entry.name as keyof typeof files]);
    }
    const path = join(dir, 'python.zip');
    execFileSync('python3', ['-c', 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  z.writestr("ä/ü.txt", "grüße " * 500)\n  z.writestr("s.txt", "x", zipfile.ZIP_STORED)', path]);
    const opened = await openZip(bytesSource(new Uint8Array(readFileSync(path))), 'python.zip');
    expect(opened.entries.map((e) => e.name)).toEqual(['ä/ü.txt', 's.txt']);
    expect(new TextDecoder().decode(await opened.read(opened.entries[0]!))).toBe('grüße '.repeat(500));
  });

  it('ZIP64: more than 65,535 files (Python writes a ZIP64 end record)', async () => {
    const path = join(dir, 'many.zip');
    execFileSync('python3', ['-c', 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w") as z:\n  for n in range(65540): z.writestr(f"{n}.txt", str(n))', path]);
    const bytes = new Uint8Array(readFileSync(path));
    const opened = await openZip(bytesSource(bytes), 'many.zip');
    expect(opened.entries).toHaveLength(65540);
    expect(new TextDecoder().decode(await opened.read(opened.entries[65539]!))).toBe('65539');
  });

  it('ZIP64 extra fields, as Info-ZIP writes them with -fz (where zip is installed)', async () => {
    let zipped = true;
    const path = join(dir, 'fz.zip');
    writeFileSync(join(dir, 'h.txt'), 'hello '.repeat(100));
    try {
      execFileSync('zip', ['-q', '-fz', path, 'h.txt'], { cwd: dir });
    } catch {
      zipped = false;
    }
    if (!zipped) return console.log('zip (Info-ZIP) is not installed: ZIP64 extra fields checked only by the 65,536-file case');
    const opened = await openZip(bytesSource(new Uint8Array(readFileSync(path))), 'fz.zip');
    expect(new TextDecoder().decode(await opened.read(opened.entries[0]!))).toBe('hello '.repeat(100));
  });
});
