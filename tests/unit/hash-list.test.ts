import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeList, type HashList, HashListReader, matchLists, packedHas } from '../../src/domain/evidence/hash-list';

const META = { id: 'id', name: 'known set', source: 'list.txt', loadedAt: '2026-05-01T00:00:00Z' };
const digest = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

function read(text: string, pieces = 1): HashList {
  const reader = new HashListReader();
  const size = Math.ceil(text.length / pieces);
  for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
  return reader.finish({ ...META });
}

describe('known-file hash lists', () => {
  it('recognises MD5, SHA-1 and SHA-256 by length, in any case, with md5sum-style file names, comments and blank lines', () => {
    const text = [
      '# seized-set 2024',
      digest('md5', 'a').toUpperCase(),
      `${digest('sha1', 'b')}  photos/b.jpg`,
      `${digest('sha256', 'c')} *c.png`,
      '',
      digest('md5', 'a'),
    ].join('\r\n');
    const list = read(text, 7);
    expect(list.counts).toEqual({ md5: 1, sha1: 1, sha256: 1 });
    expect(list.problems).toEqual([]);
    expect(list.lines).toBe(6);
    expect(packedHas(list.packed.md5, 'md5', digest('md5', 'a'))).toBe(true);
    expect(packedHas(list.packed.sha1, 'sha1', digest('sha1', 'b').toUpperCase())).toBe(true);
    expect(packedHas(list.packed.sha256, 'sha256', digest('sha256', 'c'))).toBe(true);
    expect(packedHas(list.packed.sha256, 'sha256', digest('sha256', 'd'))).toBe(false);
    expect(describeList(list)).toBe('1 MD5, 1 SHA-1, 1 SHA-256 from 6 lines');
  });

  it('names each malformed line by number and uses the rest', () => {
    const text = ['not a hash', digest('md5', 'x'), 'abc123', `${digest('md5', 'y')}0`, digest('sha256', 'z'), 'zz'.repeat(16)].join('\n');
    const list = read(text);
    expect(list.counts).toEqual({ md5: 1, sha1: 0, sha256: 1 });
    expect(list.problems).toEqual([
      { line: 1, reason: '"not" is not a hex MD5, SHA-1 or SHA-256' },
      { line: 3, reason: '"abc123" has 6 hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64' },
      { line: 4, reason: `"${digest('md5', 'y')}0" has 33 hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64` },
      { line: 6, reason: `"${'zz'.repeat(16)}" is not a hex MD5, SHA-1 or SHA-256` },
    ]);
    expect(describeList(list)).toBe('1 MD5, 1 SHA-256 from 6 lines; 4 malformed lines skipped');
  });

  it('reads a CSV with hash columns named in its header (NSRL style, quoted), any delimiter', () => {
    const nsrl = ['"SHA-1","MD5","CRC32","FileName"', `"${digest('sha1', 'p')}","${digest('md5', 'p')}","1A2B3C4D","p.jpg"`, '"nonsense","","00","q.jpg"'].join('\n');
    const list = read(nsrl);
    expect(list.counts).toEqual({ md5: 1, sha1: 1, sha256: 0 });
    expect(list.problems).toEqual([{ line: 3, reason: '"nonsense" is not a hex MD5, SHA-1 or SHA-256' }]);
    const semicolons = read(`name;hash\nr.png;${digest('sha256', 'r')}\n`);
    expect(semicolons.counts.sha256).toBe(1);
  });

  it('matches an image by whichever of its hashes a list holds, and not by hashes it lacks', () => {
    const a = read(digest('md5', 'image-1'));
    const b = read(`${digest('sha256', 'image-2')}\n${digest('sha1', 'image-1')}`);
    const named = [{ ...a, name: 'A' }, { ...b, name: 'B' }];
    const image1 = { sha256: digest('sha256', 'image-1'), md5: digest('md5', 'image-1'), sha1: digest('sha1', 'image-1') };
    expect(matchLists(named, image1)).toEqual([
      { list: 'A', algorithms: ['md5'] },
      { list: 'B', algorithms: ['sha1'] },
    ]);
    expect(matchLists(named, { sha256: digest('sha256', 'image-1') })).toEqual([]); // imported before MD5 and SHA-1 were kept
    expect(matchLists(named, { sha256: digest('sha256', 'image-2') })).toEqual([{ list: 'B', algorithms: ['sha256'] }]);
  });

  it('reads a million lines, keeping the first thousand problems and counting the rest', () => {
    const reader = new HashListReader();
    const lines: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      lines.push(i % 1000 === 999 ? `missing ${i}` : i.toString(16).padStart(32, '0'));
      if (lines.length === 50_000) {
        reader.push(`${lines.join('\n')}\n`);
        lines.length = 0;
      }
    }
    const list = reader.finish({ ...META });
    expect(list.lines).toBe(1_000_000);
    expect(list.counts.md5).toBe(999_000);
    expect(list.problemCount).toBe(1000);
    expect(list.problems[0]).toEqual({ line: 1000, reason: '"missing" is not a hex MD5, SHA-1 or SHA-256' });
    expect(packedHas(list.packed.md5, 'md5', (123_456).toString(16).padStart(32, '0'))).toBe(true);
    expect(packedHas(list.packed.md5, 'md5', (999).toString(16).padStart(32, '0'))).toBe(false);
  });
});
