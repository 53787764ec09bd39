// GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): a small header ("GP", version, flags, srs_id, envelope)
// followed by the geometry as ISO WKB. Only polygons and multipolygons are written or read here.
import type { Position } from '../../geo/affine';

export class GeometryError extends Error {
  override name = 'GeometryError';
}

/** One polygon: its exterior ring first, then any holes; each ring closed (last position = first). */
export type PolygonRings = Position[][];

const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;

/**
 * Polygons as a GeoPackage geometry blob, little-endian, with their xy envelope: one polygon as a Polygon,
 * or (multi) any number as a MultiPolygon.
 */
export function encodePolygons(polygons: readonly PolygonRings[], srsId: number, multi: boolean): Uint8Array {
  if (!multi && polygons.length !== 1) throw new GeometryError(`a Polygon holds one polygon, not ${polygons.length}`);
  const polygonBytes = (rings: PolygonRings) => 9 + rings.length * 4 + rings.reduce((n, ring) => n + ring.length, 0) * 16;
  const size = 8 + 32 + (multi ? 9 : 0) + polygons.reduce((n, p) => n + polygonBytes(p), 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = 0x47; // G
  out[1] = 0x50; // P
  out[2] = 0; // version 1
  out[3] = 0b0000_0011; // envelope [minx, maxx, miny, maxy]; little-endian
  view.setInt32(4, srsId, true);
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [x, y] of rings[0] ?? []) {
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  [minX, maxX, minY, maxY].forEach((v, i) => view.setFloat64(8 + i * 8, v, true));
  let at = 40;
  const header = (type: number, count: number) => {
    view.setUint8(at, 1);
    view.setUint32(at + 1, type, true);
    view.setUint32(at + 5, count, true);
    at += 9;
  };
  if (multi) header(WKB_MULTIPOLYGON, polygons.length);
  for (const rings of polygons) {
    header(WKB_POLYGON, rings.length);
    for (const ring of rings) {
      view.setUint32(at, ring.length, true);
      at += 4;
      for (const [x, y] of ring) {
        view.setFloat64(at, x, true);
        view.setFloat64(at + 8, y, true);
        at += 16;
      }
    }
  }
  return out;
}

/** One polygon as a GeoPackage geometry blob. */
export const encodePolygon = (rings: PolygonRings, srsId: number) => encodePolygons([rings], srsId, false);

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/**
 * The polygons in a GeoPackage geometry blob (a MultiPolygon gives several; Z and M values are dropped).
 * Throws GeometryError for another geometry type or a blob that ends early.
 */
export function decodePolygons(blob: Uint8Array): PolygonRings[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const fail = (why: string): never => {
    throw new GeometryError(why);
  };
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) fail('not a GeoPackage geometry (no "GP" header)');
  const flags = blob[3]!;
  if (flags & 0b0010_0000) fail('an extended GeoPackage geometry, which is not read here');
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0b111];
  if (envelope === undefined) fail(`an envelope code ${(flags >> 1) & 0b111} that GeoPackage does not define`);
  if (flags & 0b0001_0000) return []; // empty geometry
  let at = 8 + envelope!;
  const need = (bytes: number) => {
    if (at + bytes > blob.length) fail('the geometry ends early');
  };
  const readGeometry = (): PolygonRings[] => {
    need(5);
    const little = view.getUint8(at) === 1;
    const raw = view.getUint32(at + 1, little);
    at += 5;
    // ISO WKB: 1000s add Z, 2000s add M, 3000s both; EWKB sets the high bits instead.
    const iso = raw & 0x0fff_ffff;
    const type = iso % 1000;
    const zm = Math.floor(iso / 1000); // 0 xy, 1 xyz, 2 xym, 3 xyzm
    const dims = 2 + (zm === 1 || zm === 2 ? 1 : zm === 3 ? 2 : 0) + (raw & 0x8000_0000 ? 1 : 0) + (raw & 0x4000_0000 ? 1 : 0);
    if (raw & 0x2000_0000) at += 4; // EWKB srid
    const count = () => {
      need(4);
      const n = view.getUint32(at, little);
      at += 4;
      return n;
    };
    const polygon = (): PolygonRings => {
      const rings: PolygonRings = [];
      for (let r = count(); r > 0; r--) {
        const n = count();
        need(n * dims * 8);
        const ring: Position[] = [];
        for (let i = 0; i < n; i++, at += dims * 8) ring.push([view.getFloat64(at, little), view.getFloat64(at + 8, little)]);
        rings.push(ring);
      }
      return rings;
    };
    if (type === WKB_POLYGON) return [polygon()];
    if (type === WKB_MULTIPOLYGON) {
      const parts: PolygonRings[] = [];
      for (let n = count(); n > 0; n--) parts.push(...readGeometry());
      return parts;
    }
    return fail(`a ${WKB_NAMES[type] ?? `type ${type}`} geometry, not a polygon`);
  };
  return readGeometry();
}

const WKB_NAMES: Record<number, string> = { 1: 'point', 2: 'line string', 4: 'multipoint', 5: 'multi line string', 7: 'geometry collection' };
