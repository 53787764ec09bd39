// Known-file hash lists (a police hash set, an NSRL extract, md5sum output): read line by line, each hash recognised
// by its length, kept sorted and packed (16, 20 or 32 bytes each) so a million hashes take a few tens of MB and a
// lookup is a binary search.
export type HashAlgorithm = 'md5' | 'sha1' | 'sha256';
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['md5', 'sha1', 'sha256'];
const ALGORITHM_OF_LENGTH: Record<number, HashAlgorithm> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const BYTES: Record<HashAlgorithm, number> = { md5: 16, sha1: 20, sha256: 32 };
export const ALGORITHM_NAMES: Record<HashAlgorithm, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

export interface HashListProblem {
  line: number;
  reason: string;
}

/** A loaded list: its name, its hashes by algorithm (sorted, packed), and how reading it went. */
export interface HashList {
  id: string;
  name: string;
  /** The file it was read from. */
  source: string;
  loadedAt: string;
  lines: number;
  counts: Record<HashAlgorithm, number>;
  /** Malformed lines (the first MAX_KEPT_PROBLEMS are kept; `problemCount` has them all). */
  problems: HashListProblem[];
  problemCount: number;
  packed: Record<HashAlgorithm, Uint8Array>;
}

/** The hashes of one file, as the import computes them (older images may have SHA-256 only). */
export interface FileHashes {
  sha256: string;
  md5?: string;
  sha1?: string;
}

export const MAX_KEPT_PROBLEMS = 1000;
const HEX = /^[0-9a-f]+$/;
const HASH_COLUMN = /^(md5|sha-?1|sha-?256|hash|hash value|hashvalue|digest)$/i;

/** Value of a lower-case hex digit by char code. */
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

function hexToBytes(hex: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < hex.length; i += 2) into[at + i / 2] = (NIBBLE[hex.charCodeAt(i)]! << 4) | NIBBLE[hex.charCodeAt(i + 1)]!;
}

/** One CSV line's fields (quotes and doubled quotes; hash lists have no line breaks inside fields). */
function splitFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Reads a list as it streams in (push text as it arrives, then finish). A line is either one hash (optionally
 * followed by a file name, as md5sum and sha256sum write it) or, when the first line is a CSV header naming hash
 * columns (MD5, SHA-1, SHA-256 or Hash), a CSV record whose hash columns are read. Empty lines and # comments are
 * skipped; any other line is a problem named by its number, and the rest of the list is still used.
 */
export class HashListReader {
  private pending = '';
  private line = 0;
  private columns: number[] | null = null;
  private delimiter = ',';
  private headerSeen = false;
  private readonly hashes: Record<HashAlgorithm, string[]> = { md5: [], sha1: [], sha256: [] };
  private readonly problems: HashListProblem[] = [];
  private problemCount = 0;

  push(text: string): void {
    const chunk = this.pending + text;
    let start = 0;
    for (;;) {
      const end = chunk.indexOf('\n', start);
      if (end === -1) break;
      this.readLine(chunk.slice(start, end));
      start = end + 1;
    }
    this.pending = chunk.slice(start);
  }

  get linesRead(): number {
    return this.line;
  }

  finish(meta: { id: string; name: string; source: string; loadedAt: string }): HashList {
    if (this.pending) this.readLine(this.pending);
    this.pending = '';
    const counts = { md5: 0, sha1: 0, sha256: 0 };
    const packed = {} as Record<HashAlgorithm, Uint8Array>;
    for (const algorithm of HASH_ALGORITHMS) {
      packed[algorithm] = packSorted(this.hashes[algorithm], BYTES[algorithm]);
      counts[algorithm] = packed[algorithm].length / BYTES[algorithm];
      this.hashes[algorithm] = [];
    }
    return { ...meta, lines: this.line, counts, problems: this.problems, problemCount: this.problemCount, packed };
  }

  private problem(reason: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_KEPT_PROBLEMS) this.problems.push({ line: this.line, reason });
  }

  private readLine(raw: string): void {
    this.line++;
    const line = (this.line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (line === '' || line.startsWith('#')) return;
    if (!this.headerSeen) {
      this.headerSeen = true;
      if (this.readHeader(line)) return;
    }
    if (this.columns) this.readCsvRecord(line);
    else this.readPlainLine(line);
  }

  /** A first line with a hash column's name makes the list a CSV (comma, semicolon or tab separated). */
  private readHeader(line: string): boolean {
    const delimiter = [',', ';', '\t'].find((d) => line.includes(d));
    if (!delimiter) return false;
    const names = splitFields(line, delimiter);
    const columns = names.flatMap((name, i) => (HASH_COLUMN.test(name) ? [i] : []));
    if (columns.length === 0) return false;
    this.columns = columns;
    this.delimiter = delimiter;
    return true;
  }

  private readCsvRecord(line: string): void {
    const fields = splitFields(line, this.delimiter);
    let found = 0;
    const bad: string[] = [];
    for (const column of this.columns!) {
      const value = fields[column];
      if (value === undefined || value === '') continue;
      if (this.add(value)) found++;
      else bad.push(value);
    }
    if (found === 0) this.problem(bad.length ? notAHash(bad[0]!) : 'no hash in the hash column');
  }

  private readPlainLine(line: string): void {
    // "hash", or "hash  name" / "hash *name" as md5sum, sha1sum and sha256sum write it.
    const space = line.search(/\s/);
    const token = (space === -1 ? line : line.slice(0, space)).replace(/^\\/, '');
    if (!this.add(token)) this.problem(notAHash(token));
  }

  private add(value: string): boolean {
    const hex = value.toLowerCase();
    const algorithm = ALGORITHM_OF_LENGTH[hex.length];
    if (!algorithm || !HEX.test(hex)) return false;
    this.hashes[algorithm].push(hex);
    return true;
  }
}

function notAHash(value: string): string {
  const shown = value.length > 70 ? `${value.slice(0, 70)}…` : value;
  if (/^[0-9a-fA-F]+$/.test(value)) return `"${shown}" has ${value.length} hex digits: an MD5 has 32, a SHA-1 40, a SHA-256 64`;
  return `"${shown}" is not a hex MD5, SHA-1 or SHA-256`;
}

/** Sorted, without duplicates, packed into one byte array. */
function packSorted(hexes: string[], width: number): Uint8Array {
  hexes.sort();
  let unique = 0;
  for (let i = 0; i < hexes.length; i++) if (i === 0 || hexes[i] !== hexes[i - 1]) hexes[unique++] = hexes[i]!;
  const out = new Uint8Array(unique * width);
  for (let i = 0; i < unique; i++) hexToBytes(hexes[i]!, out, i * width);
  return out;
}

/** Whether a packed, sorted array holds this hash (binary search, no copies). */
export function packedHas(packed: Uint8Array, algorithm: HashAlgorithm, hex: string): boolean {
  const width = BYTES[algorithm];
  if (hex.length !== width * 2) return false;
  const wanted = new Uint8Array(width);
  hexToBytes(hex.toLowerCase(), wanted, 0);
  let lo = 0;
  let hi = packed.length / width - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    let order = 0;
    for (let i = 0, at = mid * width; i < width && order === 0; i++) order = packed[at + i]! - wanted[i]!;
    if (order === 0) return true;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A list's name and the algorithms of the hashes that matched one file. */
export interface HashMatch {
  list: string;
  algorithms: HashAlgorithm[];
}

/** The lists that hold one of the file's hashes (hashes the file lacks, as on older images, cannot match). */
export function matchLists(lists: readonly HashList[], hashes: FileHashes): HashMatch[] {
  const matches: HashMatch[] = [];
  for (const list of lists) {
    const algorithms = HASH_ALGORITHMS.filter((a) => hashes[a] !== undefined && list.counts[a] > 0 && packedHas(list.packed[a], a, hashes[a]!));
    if (algorithms.length) matches.push({ list: list.name, algorithms });
  }
  return matches;
}

export function describeList(list: Pick<HashList, 'counts' | 'problemCount' | 'lines'>): string {
  const parts = HASH_ALGORITHMS.filter((a) => list.counts[a] > 0).map((a) => `${list.counts[a].toLocaleString('en')} ${ALGORITHM_NAMES[a]}`);
  const hashes = parts.length ? parts.join(', ') : 'no hashes';
  const skipped = list.problemCount ? `; ${list.problemCount.toLocaleString('en')} malformed ${list.problemCount === 1 ? 'line' : 'lines'} skipped` : '';
  return `${hashes} from ${list.lines.toLocaleString('en')} lines${skipped}`;
}
