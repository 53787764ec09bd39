/**
 * Writes EXIF (IFD0, Exif and GPS IFDs), an XMP packet and IPTC records into a copy of a JPEG, for tests: a
 * fixture gets a camera, a capture time with its offset and a GPS position, or deliberately broken structures
 * (huge entry counts, IFDs that point at themselves, offsets past the end) to check that bad metadata is
 * refused with a clear message and the image still imports.
 */
export interface ExifFields {
  make?: string;
  model?: string;
  software?: string;
  orientation?: number;
  /** "YYYY:MM:DD HH:MM:SS", as cameras write it. */
  dateTimeOriginal?: string;
  /** "+02:00" */
  offsetTimeOriginal?: string;
  gps?: { lat: number; lon: number; alt?: number };
}

export type Hostility =
  /** IFD0 claims 65,535 entries. */
  | 'huge-count'
  /** The Exif IFD pointer points back at IFD0, and IFD0's next-IFD pointer at itself. */
  | 'loop'
  /** The Exif and GPS IFD pointers point far past the end of the segment. */
  | 'offset-past-end'
  /** A string value claims four billion bytes. */
  | 'huge-value';

type Entry = { tag: number; type: number; count: number; data: Uint8Array };
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const BYTE = 1;

const ascii = (tag: number, text: string): Entry => {
  const data = new TextEncoder().encode(`${text}\0`);
  return { tag, type: ASCII, count: data.length, data };
};
const short = (tag: number, value: number): Entry => {
  const data = new Uint8Array(2);
  new DataView(data.buffer).setUint16(0, value);
  return { tag, type: SHORT, count: 1, data };
};
const rationals = (tag: number, values: readonly number[]): Entry => {
  const data = new Uint8Array(values.length * 8);
  const view = new DataView(data.buffer);
  values.forEach((v, i) => {
    const denominator = 10000;
    view.setUint32(i * 8, Math.round(v * denominator));
    view.setUint32(i * 8 + 4, denominator);
  });
  return { tag, type: RATIONAL, count: values.length, data };
};
const byte = (tag: number, values: number[]): Entry => ({ tag, type: BYTE, count: values.length, data: Uint8Array.from(values) });
const pointer = (tag: number): Entry => ({ tag, type: LONG, count: 1, data: new Uint8Array(4) });

function dms(value: number): number[] {
  const a = Math.abs(value);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  return [d, m, (a - d - m / 60) * 3600];
}

/** Big-endian TIFF with IFD0 → Exif IFD, GPS IFD. */
function tiffOf(fields: ExifFields, hostility?: Hostility): Uint8Array {
  const ifd0: Entry[] = [];
  if (fields.make) ifd0.push(ascii(0x010f, fields.make));
  if (fields.model) ifd0.push(ascii(0x0110, fields.model));
  if (fields.orientation) ifd0.push(short(0x0112, fields.orientation));
  if (fields.software) ifd0.push(ascii(0x0131, fields.software));
  const exif: Entry[] = [];
  if (fields.dateTimeOriginal) exif.push(ascii(0x9003, fields.dateTimeOriginal));
  if (fields.offsetTimeOriginal) exif.push(ascii(0x9011, fields.offsetTimeOriginal));
  const gps: Entry[] = [];
  if (fields.gps) {
    const { lat, lon, alt } = fields.gps;
    gps.push(byte(0x0000, [2, 3, 0, 0]));
    gps.push(ascii(0x0001, lat >= 0 ? 'N' : 'S'), rationals(0x0002, dms(lat)));
    gps.push(ascii(0x0003, lon >= 0 ? 'E' : 'W'), rationals(0x0004, dms(lon)));
    if (alt !== undefined) gps.push(byte(0x0005, [alt < 0 ? 1 : 0]), rationals(0x0006, [Math.abs(alt)]));
  }
  if (exif.length) ifd0.push(pointer(0x8769));
  if (gps.length) ifd0.push(pointer(0x8825));

  const parts: Uint8Array[] = [];
  let size = 8;
  const place = (bytes: Uint8Array) => {
    const at = size;
    parts.push(bytes);
    size += bytes.length + (bytes.length % 2);
    if (bytes.length % 2) parts.push(new Uint8Array(1));
    return at;
  };
  /** Writes an IFD (values over 4 bytes placed after it); returns its offset and where its pointer entries' values sit. */
  const writeIfd = (entries: Entry[]) => {
    const sorted = [...entries].sort((a, b) => a.tag - b.tag);
    const ifdSize = 2 + sorted.length * 12 + 4;
    const ifd = new Uint8Array(ifdSize);
    const at = place(ifd);
    const view = new DataView(ifd.buffer);
    view.setUint16(0, sorted.length);
    const valueAt = new Map<number, number>();
    sorted.forEach((e, i) => {
      const o = 2 + i * 12;
      view.setUint16(o, e.tag);
      view.setUint16(o + 2, e.type);
      view.setUint32(o + 4, e.count);
      if (e.data.length <= 4) ifd.set(e.data, o + 8);
      else view.setUint32(o + 8, place(e.data));
      valueAt.set(e.tag, at + o + 8);
    });
    return { at, valueAt, countAt: at, nextAt: at + 2 + sorted.length * 12 };
  };
  const first = writeIfd(ifd0);
  const exifIfd = exif.length ? writeIfd(exif) : undefined;
  const gpsIfd = gps.length ? writeIfd(gps) : undefined;
  const out = new Uint8Array(size);
  let at = 8;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d], 0);
  view.setUint16(2, 42);
  view.setUint32(4, first.at);
  if (exifIfd) view.setUint32(first.valueAt.get(0x8769)!, exifIfd.at);
  if (gpsIfd) view.setUint32(first.valueAt.get(0x8825)!, gpsIfd.at);
  if (hostility === 'huge-count') view.setUint16(first.countAt, 0xffff);
  if (hostility === 'loop') {
    if (first.valueAt.has(0x8769)) view.setUint32(first.valueAt.get(0x8769)!, first.at);
    view.setUint32(first.nextAt, first.at);
  }
  if (hostility === 'offset-past-end') {
    for (const tag of [0x8769, 0x8825]) if (first.valueAt.has(tag)) view.setUint32(first.valueAt.get(tag)!, 0x7fff_fff0);
  }
  if (hostility === 'huge-value') {
    // The Make entry's count: four billion characters at an offset inside the segment.
    view.setUint32(first.at + 2 + 4, 0xffff_fff0);
    view.setUint32(first.at + 2 + 8, 8);
  }
  return out;
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  if (payload.length + 2 > 0xffff) throw new Error('segment too long');
  const out = new Uint8Array(4 + payload.length);
  out[0] = 0xff;
  out[1] = marker;
  new DataView(out.buffer).setUint16(2, payload.length + 2);
  out.set(payload, 4);
  return out;
}

const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

export function exifSegment(fields: ExifFields, hostility?: Hostility): Uint8Array {
  return segment(0xe1, concat([new TextEncoder().encode('Exif\0\0'), tiffOf(fields, hostility)]));
}

/** An XMP packet in APP1 with a creator and a title (Dublin Core). */
export function xmpSegment(creator: string, title: string): Uint8Array {
  const xml =
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator>` +
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  return segment(0xe1, concat([new TextEncoder().encode('http://ns.adobe.com/xap/1.0/\0'), new TextEncoder().encode(xml)]));
}

/** IPTC records (2:80 By-line, 2:120 Caption) in a Photoshop APP13 resource. */
export function iptcSegment(byline: string, caption: string): Uint8Array {
  const record = (dataset: number, text: string) => {
    const value = new TextEncoder().encode(text);
    return concat([Uint8Array.from([0x1c, 2, dataset, value.length >> 8, value.length & 0xff]), value]);
  };
  const iptc = concat([record(80, byline), record(120, caption)]);
  const header = new Uint8Array(12);
  header.set(new TextEncoder().encode('8BIM'), 0);
  new DataView(header.buffer).setUint16(4, 0x0404);
  // Empty Pascal name (two bytes with padding), then the size.
  new DataView(header.buffer).setUint32(8, iptc.length);
  const padded = iptc.length % 2 ? concat([iptc, new Uint8Array(1)]) : iptc;
  return segment(0xed, concat([new TextEncoder().encode('Photoshop 3.0\0'), header, padded]));
}

/** The JPEG with the given segments inserted right after its start-of-image marker (any EXIF it had stays after them). */
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  return concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
}
