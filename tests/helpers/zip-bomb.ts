// Zip bombs for tests, made at test time and small on disk: a DEFLATE stream of zeros written by hand (one
// dynamic-Huffman block whose 258-byte back-references cost 2 bits each, as real bombs do, about 1,032:1), and
// a zip writer that puts any entries, with any declared sizes, into an archive.
import { crc32 } from '../../src/domain/dataset/crc32';

class BitWriter {
  private bit = 0;
  constructor(readonly bytes: Uint8Array) {}
  /** `count` bits of `value`, least significant first (DEFLATE's header fields and extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.one((value >> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.one((value >> i) & 1);
  }
  skip(count: number): void {
    this.bit += count;
  }
  private one(b: number): void {
    if (b) this.bytes[this.bit >> 3]! |= 1 << (this.bit & 7);
    this.bit++;
  }
  get length(): number {
    return Math.ceil(this.bit / 8);
  }
}

/** Raw DEFLATE that inflates to exactly `size` zero bytes (size = 1 + 258·n). */
export function deflatedZeros(size: number): Uint8Array {
  const matches = Math.floor((size - 1) / 258);
  if (1 + 258 * matches !== size) throw new Error(`size must be 1 + 258·n, got ${size}`);
  const w = new BitWriter(new Uint8Array(Math.ceil((200 + 2 * matches) / 8) + 8));
  w.bits(1, 1); // BFINAL
  w.bits(2, 2); // dynamic Huffman
  w.bits(29, 5); // HLIT: 286 literal/length codes
  w.bits(0, 5); // HDIST: 1 distance code
  w.bits(14, 4); // HCLEN: 18 code-length codes
  // Code-length code lengths in DEFLATE's order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1: 18→1, 2→2, 1→2 bits.
  for (const length of [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2]) w.bits(length, 3);
  // Canonical codes of the code-length alphabet: 18 = 0, 1 = 10, 2 = 11.
  const cl: Record<1 | 2 | 18, [number, number]> = { 1: [0b10, 2], 2: [0b11, 2], 18: [0, 1] };
  const emit = (symbol: 1 | 2 | 18, extra?: number) => {
    w.code(cl[symbol][0], cl[symbol][1]);
    if (symbol === 18) w.bits(extra! - 11, 7);
  };
  emit(2); // literal 0: 2 bits
  emit(18, 138); // literals 1–138 unused
  emit(18, 117); // literals 139–255 unused
  emit(2); // end of block: 2 bits
  emit(18, 28); // lengths 257–284 unused
  emit(1); // length 285 (258 bytes): 1 bit
  emit(1); // distance code 0 (distance 1): 1 bit
  // Literal/length codes: 285 = 0, literal 0 = 10, end of block = 11; the one distance code = 0.
  w.code(0b10, 2); // one zero byte
  w.skip(2 * matches); // each "copy 258 bytes from 1 back" is the bits 0, 0
  w.code(0b11, 2); // end of block
  return w.bytes.subarray(0, w.length);
}

/** The largest 1 + 258·n not above `size`. */
export const zerosSize = (size: number) => 1 + 258 * Math.floor((size - 1) / 258);

export interface RawEntry {
  name: string;
  /** What is stored, as it is (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared inflated size and CRC (a bomb may lie). */
  size: number;
  crc: number;
  /** Write this entry's central record pointing at another entry's data (an overlapping bomb). */
  sameDataAs?: string;
}

export const stored = (name: string, data: Uint8Array): RawEntry => ({ name, data, method: 0, size: data.length, crc: crc32(data) });

/** An entry of `size` zeros, deflated; its CRC is computed up to 64 MiB (a bomb's is left 0: a refusal never gets that far). */
export const zeros = (name: string, size: number, declared = size): RawEntry => ({
  name,
  data: deflatedZeros(size),
  method: 8,
  size: declared,
  crc: size <= 64 * 2 ** 20 ? crc32(new Uint8Array(size)) : 0,
});

/** A zip (no ZIP64) of the entries, local headers, central directory and end record as the format has them. */
export function writeZip(entries: readonly RawEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets = new Map<string, number>();
  let offset = 0;
  const header = (length: number, fill: (v: DataView) => void) => {
    const bytes = new Uint8Array(length);
    fill(new DataView(bytes.buffer));
    return bytes;
  };
  for (const e of entries) {
    const name = encoder.encode(e.name);
    if (!e.sameDataAs) {
      offsets.set(e.name, offset);
      const local = header(30, (v) => {
        v.setUint32(0, 0x04034b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 0x800, true);
        v.setUint16(8, e.method, true);
        v.setUint32(14, e.crc, true);
        v.setUint32(18, e.data.length, true);
        v.setUint32(22, e.size, true);
        v.setUint16(26, name.length, true);
      });
      parts.push(local, name, e.data);
      offset += local.length + name.length + e.data.length;
    }
    const at = offsets.get(e.sameDataAs ?? e.name)!;
    central.push(
      header(46, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        v.setUint16(8, 0x800, true);
        v.setUint16(10, e.method, true);
        v.setUint32(16, e.crc, true);
        v.setUint32(20, e.data.length, true);
        v.setUint32(24, e.size, true);
        v.setUint16(28, name.length, true);
        v.setUint32(42, at, true);
      }),
      name,
    );
  }
  const directorySize = central.reduce((n, p) => n + p.length, 0);
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, entries.length, true);
    v.setUint16(10, entries.length, true);
    v.setUint32(12, directorySize, true);
    v.setUint32(16, offset, true);
  });
  const all = [...parts, ...central, end];
  const zip = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of all) {
    zip.set(p, at);
    at += p.length;
  }
  return zip;
}
