// What a photo says about itself (EXIF, GPS, XMP, IPTC), read with exifr and reduced to the facts an analyst
// sorts, filters and reports on. The reading is bounded by exifr; what it cannot read is named, never fatal.
import exifr from 'exifr';

export interface GpsPosition {
  /** WGS 84 degrees, north positive. */
  lat: number;
  /** WGS 84 degrees, east positive. */
  lon: number;
  /** Metres above sea level (negative below). */
  alt?: number;
}

export type MetadataBlock = 'exif' | 'gps' | 'xmp' | 'iptc';

/** The metadata kept on an image record (`image.exif`). Absent fields were not in the file. */
export interface ImageExif {
  make?: string;
  model?: string;
  /** Capture time as ISO 8601: with its UTC offset when the file gives one ("2024-03-05T14:15:16+01:00"), else local time without one. */
  time?: string;
  gps?: GpsPosition;
  software?: string;
  /** EXIF orientation, 1–8. */
  orientation?: number;
  /** XMP dc:creator or IPTC By-line. */
  creator?: string;
  /** XMP dc:title or IPTC Object Name. */
  title?: string;
  /** XMP dc:description or IPTC Caption. */
  caption?: string;
  /** Which metadata blocks the file holds. */
  blocks: MetadataBlock[];
  /** What could not be read (a corrupt or hostile block); what was readable is still above. */
  problem?: string;
}

type Raw = Record<string, unknown>;
type Blocks = Partial<Record<'ifd0' | 'exif' | 'gps' | 'iptc' | 'dc' | 'xmp' | 'photoshop' | 'tiff', Raw>> & { errors?: unknown[] };

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  icc: false,
  jfif: false,
  ihdr: false,
  multiSegment: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  mergeOutput: false,
} as const;

/** exifr's `silentErrors` (in its documentation, not in its type declarations). */
type ParseOptions = Parameters<typeof exifr.parse>[1];
const options = (silentErrors: boolean): ParseOptions => ({ ...EXIFR_OPTIONS, silentErrors }) as unknown as ParseOptions;

/**
 * Reads a file's metadata. Bad metadata never throws: the readable part is kept and `problem` says what was
 * wrong (an offset past the end, an entry count larger than the block, a loop between IFDs); a file with no
 * metadata gives `{ blocks: [] }`.
 */
export async function readMetadata(input: Uint8Array | ArrayBuffer | Blob): Promise<ImageExif> {
  const source = input as Blob; // exifr reads bytes and blobs alike
  let problem: string | undefined;
  let raw: Blocks | undefined;
  try {
    raw = (await exifr.parse(source, options(false))) as Blocks | undefined;
  } catch (error) {
    problem = explainMetadataError(error);
    // Again, keeping whatever blocks are readable.
    raw = (await exifr.parse(source, options(true)).catch(() => undefined)) as Blocks | undefined;
  }
  let exif: ImageExif;
  try {
    exif = normalizeMetadata(raw ?? {});
  } catch (error) {
    return { blocks: [], problem: explainMetadataError(error) };
  }
  const loop = loopProblem(raw ?? {});
  const problems = [problem, loop, exif.problem].filter(Boolean);
  return problems.length ? { ...exif, problem: problems.join('; ') } : exif;
}

/** exifr's messages name its internals; these say what is wrong with the file. */
export function explainMetadataError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/outside the bounds|Offset is outside|out of range/i.test(message)) return `unreadable metadata: an offset points past the end of the metadata block (${message})`;
  if (/Invalid typed array length|Array buffer allocation|Invalid array length/i.test(message)) {
    return `unreadable metadata: a value claims more bytes than the file holds (${message})`;
  }
  if (/Invalid TIFF value type/i.test(message)) return `unreadable metadata: an IFD entry is corrupt (entry count larger than the block, or a bad type) (${message})`;
  return `unreadable metadata: ${message}`;
}

/** An Exif or GPS IFD whose pointer leads back into IFD0 shows as IFD0's own pointer tags inside it. */
function loopProblem(raw: Blocks): string | undefined {
  for (const block of ['exif', 'gps'] as const) {
    const values = raw[block];
    if (values && (values['34665'] !== undefined || values['34853'] !== undefined || values.ExifIFD !== undefined || values.GpsIFD !== undefined)) {
      return `the ${block === 'exif' ? 'Exif' : 'GPS'} IFD points back at IFD0 (a loop); its tags were ignored`;
    }
  }
  return undefined;
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') {
    // eslint-disable-next-line no-control-regex
    const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    return clean ? clean.slice(0, 200) : undefined;
  }
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return undefined;
};

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Reduces exifr's blocks (translated keys, raw values) to ImageExif; values that make no sense are left out and named. */
export function normalizeMetadata(raw: Blocks): ImageExif {
  const { ifd0 = {}, gps: gpsBlock } = raw;
  const exifBlock = raw.exif && loopProblem({ exif: raw.exif }) ? {} : (raw.exif ?? {});
  const gpsValues = gpsBlock && loopProblem({ gps: gpsBlock }) ? {} : (gpsBlock ?? {});
  const xmpNs = { dc: raw.dc ?? {}, xmp: raw.xmp ?? {}, photoshop: raw.photoshop ?? {}, tiff: raw.tiff ?? {} };
  const iptc = raw.iptc ?? {};
  const problems: string[] = [];
  const blocks: MetadataBlock[] = [];
  if (raw.ifd0 || raw.exif) blocks.push('exif');
  if (gpsBlock) blocks.push('gps');
  if (raw.dc || raw.xmp || raw.photoshop || raw.tiff) blocks.push('xmp');
  if (raw.iptc) blocks.push('iptc');

  const result: ImageExif = { blocks };
  const set = <K extends keyof ImageExif>(key: K, value: ImageExif[K] | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  set('make', text(ifd0.Make) ?? text(xmpNs.tiff.Make));
  set('model', text(ifd0.Model) ?? text(xmpNs.tiff.Model));
  set('software', text(ifd0.Software) ?? text(xmpNs.xmp.CreatorTool));
  const orientation = finite(ifd0.Orientation);
  if (orientation !== undefined) {
    if (Number.isInteger(orientation) && orientation >= 1 && orientation <= 8) result.orientation = orientation;
    else problems.push(`orientation ${orientation} is not 1–8`);
  }
  set('time', exifTime(exifBlock) ?? xmpTime(xmpNs) ?? iptcTime(iptc) ?? exifTime({ DateTimeOriginal: ifd0.ModifyDate ?? ifd0.DateTime }));
  const gps = gpsPosition(gpsValues, problems);
  if (gps) result.gps = gps;
  set('creator', text(xmpNs.dc.creator) ?? text(iptc.Byline));
  set('title', text(xmpNs.dc.title) ?? text(iptc.ObjectName) ?? text(iptc.Headline));
  set('caption', text(xmpNs.dc.description) ?? text(iptc.Caption));
  if (problems.length) result.problem = problems.join('; ');
  return result;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

function offsetOf(value: unknown): string {
  const match = OFFSET.exec(text(value) ?? '');
  if (!match) return '';
  const [, sign, hh, mm] = match;
  return Number(hh) <= 14 && Number(mm) < 60 ? `${sign}${hh}:${mm}` : '';
}

function validDate(y: string, mo: string, d: string, h: string, mi: string, s: string): boolean {
  const n = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  return n[0] > 1800 && n[1] >= 1 && n[1] <= 12 && n[2] >= 1 && n[2] <= 31 && n[3] < 24 && n[4] < 60 && n[5] < 61;
}

/** EXIF DateTimeOriginal ("2024:03:05 14:15:16") with SubSecTimeOriginal and OffsetTimeOriginal where present. */
function exifTime(exif: Raw): string | undefined {
  const match = EXIF_DATE.exec(text(exif.DateTimeOriginal) ?? text(exif.CreateDate) ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match as unknown as [string, string, string, string, string, string, string];
  if (!validDate(y, mo, d, h, mi, s)) return undefined;
  const sub = /^\d{1,9}$/.exec(text(exif.SubSecTimeOriginal) ?? '')?.[0];
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sub ? `.${sub}` : ''}${offsetOf(exif.OffsetTimeOriginal ?? exif.OffsetTime)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** XMP dates are ISO 8601 already (exif:DateTimeOriginal, photoshop:DateCreated, xmp:CreateDate). */
function xmpTime(ns: { photoshop: Raw; xmp: Raw }): string | undefined {
  for (const value of [ns.photoshop.DateCreated, ns.xmp.CreateDate]) {
    const match = ISO.exec(text(value) ?? '');
    if (!match) continue;
    const [, y, mo, d, h, mi, s = '00', frac = '', zone = ''] = match as unknown as string[];
    if (validDate(y!, mo!, d!, h!, mi!, s)) return `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone === 'Z' ? '+00:00' : zone}`;
  }
  return undefined;
}

/** IPTC 2:55 Date Created ("20240305") with 2:60 Time Created ("141516+0100"). */
function iptcTime(iptc: Raw): string | undefined {
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(text(iptc.DateCreated) ?? '');
  const time = /^(\d{2})(\d{2})(\d{2})([+-]\d{4})?$/.exec(text(iptc.TimeCreated) ?? '');
  if (!date || !time) return undefined;
  const [, y, mo, d] = date as unknown as string[];
  const [, h, mi, s, zone] = time as unknown as string[];
  if (!validDate(y!, mo!, d!, h!, mi!, s!)) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? offsetOf(zone) : ''}`;
}

function degrees(value: unknown): number | undefined {
  if (typeof value === 'number') return finite(value);
  if (!Array.isArray(value) || value.length === 0 || value.length > 3) return undefined;
  const [d = 0, m = 0, s = 0] = value.map(Number);
  const total = d + m / 60 + s / 3600;
  return Number.isFinite(total) ? total : undefined;
}

function gpsPosition(gps: Raw, problems: string[]): GpsPosition | undefined {
  if (gps.GPSLatitude === undefined && gps.GPSLongitude === undefined) return undefined;
  const lat = degrees(gps.GPSLatitude);
  const lon = degrees(gps.GPSLongitude);
  if (lat === undefined || lon === undefined) {
    problems.push('GPS latitude or longitude is unreadable');
    return undefined;
  }
  const signedLat = text(gps.GPSLatitudeRef)?.toUpperCase() === 'S' ? -lat : lat;
  const signedLon = text(gps.GPSLongitudeRef)?.toUpperCase() === 'W' ? -lon : lon;
  if (Math.abs(signedLat) > 90 || Math.abs(signedLon) > 180) {
    problems.push(`GPS position ${signedLat}, ${signedLon} is outside the globe`);
    return undefined;
  }
  // 0/0 is what some cameras write before they have a fix.
  if (signedLat === 0 && signedLon === 0) return undefined;
  const position: GpsPosition = { lat: round(signedLat, 7), lon: round(signedLon, 7) };
  const alt = finite(gps.GPSAltitude);
  if (alt !== undefined) {
    const below = refByte(gps.GPSAltitudeRef) === 1;
    position.alt = round(below ? -alt : alt, 2);
  }
  return position;
}

function refByte(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Uint8Array) return value[0];
  if (value && typeof value === 'object' && 0 in value) return Number((value as Record<number, unknown>)[0]);
  return undefined;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
