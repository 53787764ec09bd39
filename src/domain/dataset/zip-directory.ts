// A zip's central directory, read from the end of the file before anything is inflated: every entry's name,
// sizes and place, so a reader can skip, refuse or bound each entry first. ZIP64 records are understood.

/** Random access to the zip's bytes: a File through Blob.slice, a file handle in Node, bytes in memory. */
export interface ZipSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export const bytesSource = (bytes: Uint8Array): ZipSource => ({
  size: bytes.length,
  read: async (offset, length) => bytes.subarray(offset, offset + length),
});

export interface ZipEntry {
  /** As stored, with "\" turned into "/". */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Where the entry's local header starts. */
  offset: number;
  encrypted: boolean;
}

/** A zip that cannot be read at all, or an entry refused: `entry` names it (the archive's name when it is the whole). */
export class ZipError extends Error {
  override name = 'ZipError';
  constructor(
    readonly entry: string,
    readonly reason: string,
    /** For an entry refused while it inflated: the bytes it had given by then. */
    readonly inflatedBytes?: number,
  ) {
    super(`${entry}: ${reason}`);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** End record (22 bytes) plus the longest comment. */
const EOCD_SEARCH = 22 + 0xffff;

const u16 = (v: DataView, at: number) => v.getUint16(at, true);
const u32 = (v: DataView, at: number) => v.getUint32(at, true);
const u64 = (v: DataView, at: number) => {
  const value = v.getUint32(at, true) + v.getUint32(at + 4, true) * 2 ** 32;
  if (!Number.isSafeInteger(value)) throw new RangeError('a ZIP64 size past 2^53');
  return value;
};
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(raw: Uint8Array, isUtf8: boolean): string {
  let name: string;
  try {
    name = isUtf8 ? utf8.decode(raw) : latin1.decode(raw);
  } catch {
    name = latin1.decode(raw);
  }
  return name.replace(/\\/g, '/');
}

interface EndRecord {
  entries: number;
  directoryOffset: number;
  directorySize: number;
}

async function readEndRecord(source: ZipSource, archive: string): Promise<EndRecord> {
  const tailStart = Math.max(0, source.size - EOCD_SEARCH);
  const tail = await source.read(tailStart, source.size - tailStart);
  const view = viewOf(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (u32(view, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipError(archive, 'not a readable zip, or cut short (no end of central directory)');
  let record: EndRecord = { entries: u16(view, at + 10), directorySize: u32(view, at + 12), directoryOffset: u32(view, at + 16) };
  const zip64 = record.entries === 0xffff || record.directoryOffset === 0xffffffff || record.directorySize === 0xffffffff;
  if (zip64) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? viewOf(await source.read(locatorAt, 20)) : null;
    if (!locator || u32(locator, 0) !== ZIP64_LOCATOR) throw new ZipError(archive, 'a ZIP64 archive without its ZIP64 locator');
    const recordAt = u64(locator, 8);
    const end = viewOf(await source.read(recordAt, 56));
    if (end.byteLength < 56 || u32(end, 0) !== ZIP64_EOCD) throw new ZipError(archive, 'its ZIP64 end record is missing');
    record = { entries: u64(end, 32), directorySize: u64(end, 40), directoryOffset: u64(end, 48) };
  }
  if (record.directoryOffset + record.directorySize > source.size) {
    throw new ZipError(archive, 'not a readable zip, or cut short (its central directory lies past the end of the file)');
  }
  return record;
}

/** ZIP64 extra field (0x0001): the 64-bit values of those header fields that hold 0xFFFFFFFF, in this order. */
function applyZip64(extra: DataView, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    at += 4 + length;
  }
}

/** Every entry the central directory lists, in its order. Throws ZipError naming the archive when it does not parse. */
export async function readCentralDirectory(source: ZipSource, archive: string): Promise<ZipEntry[]> {
  const end = await readEndRecord(source, archive);
  const directory = await source.read(end.directoryOffset, end.directorySize);
  const view = viewOf(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < end.entries; n++) {
    if (at + 46 > directory.length || u32(view, at) !== CENTRAL) throw new ZipError(archive, `its central directory is damaged at entry ${n + 1}`);
    const flags = u16(view, at + 8);
    const nameLength = u16(view, at + 28);
    const extraLength = u16(view, at + 30);
    const commentLength = u16(view, at + 32);
    if (at + 46 + nameLength + extraLength > directory.length) throw new ZipError(archive, `its central directory is damaged at entry ${n + 1}`);
    const entry: ZipEntry = {
      name: decodeName(directory.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0),
      method: u16(view, at + 10),
      crc32: u32(view, at + 16),
      compressedSize: u32(view, at + 20),
      size: u32(view, at + 24),
      offset: u32(view, at + 42),
      encrypted: (flags & 1) !== 0,
    };
    applyZip64(viewOf(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)), entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
