/**
 * A minimal little-endian TIFF writer for tests: 8-bit, uncompressed, one strip per image, several images
 * (IFDs) chained, so a test can make a file with internal overviews (reduced-resolution subfiles) or with
 * tags geotiff's own writer does not set.
 */
export interface TiffPage {
  width: number;
  height: number;
  samples: number;
  /** Interleaved 8-bit samples, row by row. */
  data: Uint8Array;
  /** 1 BlackIsZero, 2 RGB. */
  photometric: number;
  /** NewSubfileType: 1 marks a reduced-resolution image (an overview). */
  subfile?: number;
  /** Compression tag value to claim (the data is written uncompressed whatever it says). */
  compression?: number;
}

const SHORT = 3;
const LONG = 4;

export function writeTiff(pages: readonly TiffPage[]): ArrayBuffer {
  const chunks: Uint8Array[] = [];
  let size = 8;
  const append = (bytes: Uint8Array) => {
    const at = size;
    chunks.push(bytes);
    size += bytes.length + (bytes.length % 2); // word-align what follows
    if (bytes.length % 2) chunks.push(new Uint8Array(1));
    return at;
  };
  const ifdOffsets: number[] = [];
  const nextPointers: number[] = [];
  for (const page of pages) {
    const dataAt = append(page.data);
    const bits = new Uint8Array(page.samples * 2);
    new DataView(bits.buffer).setUint16(0, 8, true);
    for (let i = 0; i < page.samples; i++) new DataView(bits.buffer).setUint16(i * 2, 8, true);
    const bitsAt = page.samples > 2 ? append(bits) : -1;
    const entries: [number, number, number, number][] = [
      [254, LONG, 1, page.subfile ?? 0],
      [256, LONG, 1, page.width],
      [257, LONG, 1, page.height],
      [258, SHORT, page.samples, page.samples > 2 ? bitsAt : 8 | (page.samples === 2 ? 8 << 16 : 0)],
      [259, SHORT, 1, page.compression ?? 1],
      [262, SHORT, 1, page.photometric],
      [273, LONG, 1, dataAt],
      [277, SHORT, 1, page.samples],
      [278, LONG, 1, page.height],
      [279, LONG, 1, page.data.length],
      [284, SHORT, 1, 1],
    ];
    const ifd = new Uint8Array(2 + entries.length * 12 + 4);
    const view = new DataView(ifd.buffer);
    view.setUint16(0, entries.length, true);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      view.setUint16(at, tag, true);
      view.setUint16(at + 2, type, true);
      view.setUint32(at + 4, count, true);
      if (type === SHORT && count === 1) view.setUint16(at + 8, value, true);
      else view.setUint32(at + 8, value, true);
    });
    const ifdAt = append(ifd);
    ifdOffsets.push(ifdAt);
    nextPointers.push(ifdAt + 2 + entries.length * 12);
  }
  const out = new Uint8Array(size);
  let at = 8;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49], 0);
  view.setUint16(2, 42, true);
  view.setUint32(4, ifdOffsets[0]!, true);
  nextPointers.forEach((pointer, i) => view.setUint32(pointer, ifdOffsets[i + 1] ?? 0, true));
  return out.buffer;
}
