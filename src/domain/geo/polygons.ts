// Polygon layers a person brings to count objects in (parcels, car parks, municipalities): read from GeoJSON,
// checked one by one (an invalid polygon is skipped and named, the rest count), reprojected into the rasters' CRS.
import type { Position } from './affine';
import { signedArea2 } from './affine';
import { type Crs, crsLabel } from './georeference';
import { transformBetween } from './reproject';

export type PolygonRings = Position[][];

/** A zone to count in: one feature of the layer, possibly of several parts. */
export interface Zone {
  /** Unique within the layer: the name a person reads in the table. */
  name: string;
  polygons: PolygonRings[];
}

export interface ZoneLayer {
  fileName: string;
  crs: Crs;
  zones: Zone[];
  /** Features left out, each named with the reason. */
  skipped: { name: string; reason: string }[];
}

export class PolygonLayerError extends Error {
  override name = 'PolygonLayerError';
}

const finite = (p: unknown): p is Position => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Whether segments p1–p2 and q1–q2 cross or touch (collinear overlaps included). */
function segmentsMeet(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const cross = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const within = (a: Position, b: Position, c: Position) =>
    Math.min(a[0], b[0]) <= c[0] && c[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= c[1] && c[1] <= Math.max(a[1], b[1]);
  const [d1, d2, d3, d4] = [cross(q1, q2, p1), cross(q1, q2, p2), cross(p1, p2, q1), cross(p1, p2, q2)];
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && within(q1, q2, p1)) || (d2 === 0 && within(q1, q2, p2)) || (d3 === 0 && within(p1, p2, q1)) || (d4 === 0 && within(p1, p2, q2));
}

/**
 * Whether a closed ring crosses or touches itself. Segments are swept in order of their left end, so only
 * segments whose x ranges overlap are compared (near-linear for the rings of real parcels).
 */
export function selfIntersects(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => Math.min(ring[i]![0], ring[i + 1]![0]) - Math.min(ring[j]![0], ring[j + 1]![0]));
  for (let s = 0; s < n; s++) {
    const i = order[s]!;
    const right = Math.max(ring[i]![0], ring[i + 1]![0]);
    for (let t = s + 1; t < n; t++) {
      const j = order[t]!;
      if (Math.min(ring[j]![0], ring[j + 1]![0]) > right) break;
      const adjacent = Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1;
      if (adjacent) continue;
      if (segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  }
  return false;
}

/** Why a polygon (exterior ring, then holes) is not valid, or null. */
export function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'no rings';
  for (const [r, ring] of (rings as unknown[]).entries()) {
    const which = r === 0 ? 'its outer ring' : `hole ${r}`;
    if (!Array.isArray(ring) || !ring.every(finite)) return `${which} holds a position that is not two finite numbers`;
    if (ring.length < 4) return `${which} has ${ring.length} positions; a ring needs at least 4 (the last repeating the first)`;
    const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
    if (first[0] !== last[0] || first[1] !== last[1]) return `${which} is not closed (its last position is not its first)`;
    if (selfIntersects(ring as Position[])) return `${which} crosses itself`;
    if (signedArea2(ring as Position[]) === 0) return `${which} has no area`;
  }
  return null;
}

interface RawFeature {
  name: string;
  geometry: { type?: unknown; coordinates?: unknown } | null;
}

function crsOfGeoJson(json: { crs?: { properties?: { name?: unknown } } }, fileName: string): Crs {
  const name = json.crs?.properties?.name;
  if (name === undefined) return { epsg: 4326 }; // RFC 7946: longitude, latitude on WGS 84
  const match = typeof name === 'string' ? /EPSG:{1,2}(\d+)$/i.exec(name) : null;
  if (match) return { epsg: Number(match[1]) };
  if (typeof name === 'string' && /CRS84$/i.test(name)) return { epsg: 4326 };
  throw new PolygonLayerError(`${fileName}: its "crs" names ${JSON.stringify(name)}, which is not an EPSG code`);
}

const nameOf = (properties: Record<string, unknown> | null | undefined, index: number): string => {
  for (const key of ['name', 'NAME', 'Name', 'id', 'ID', 'label']) {
    const value = properties?.[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return `feature ${index + 1}`;
};

/** Polygons of a raw geometry, or why there are none. */
function polygonsOf(geometry: RawFeature['geometry']): { polygons: PolygonRings[] } | { reason: string } {
  if (!geometry) return { reason: 'no geometry' };
  if (geometry.type === 'Polygon') return { polygons: [geometry.coordinates as PolygonRings] };
  if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) return { polygons: geometry.coordinates as PolygonRings[] };
  return { reason: `a ${String(geometry.type)}, not a polygon` };
}

/** Checks raw features into zones: names made unique, invalid or non-polygon features skipped with the reason. */
export function zonesOf(features: readonly RawFeature[]): Pick<ZoneLayer, 'zones' | 'skipped'> {
  const zones: Zone[] = [];
  const skipped: ZoneLayer['skipped'] = [];
  const used = new Map<string, number>();
  for (const feature of features) {
    const seen = used.get(feature.name) ?? 0;
    used.set(feature.name, seen + 1);
    const name = seen === 0 ? feature.name : `${feature.name} (${seen + 1})`;
    const found = polygonsOf(feature.geometry);
    if ('reason' in found) {
      skipped.push({ name, reason: found.reason });
      continue;
    }
    const problem = found.polygons.map(polygonProblem).find((p) => p !== null);
    if (problem !== undefined || found.polygons.length === 0) skipped.push({ name, reason: problem ?? 'an empty MultiPolygon' });
    else zones.push({ name, polygons: found.polygons });
  }
  return { zones, skipped };
}

/** A GeoJSON polygon layer (FeatureCollection, Feature or bare geometry), in its "crs" or else WGS 84. */
export function readGeoJsonZones(text: string, fileName: string): ZoneLayer {
  let json: { type?: unknown; features?: unknown; geometry?: unknown; properties?: Record<string, unknown> };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new PolygonLayerError(`${fileName} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const crs = crsOfGeoJson(json as never, fileName);
  let raw: RawFeature[];
  if (json.type === 'FeatureCollection' && Array.isArray(json.features)) {
    raw = (json.features as { geometry?: RawFeature['geometry']; properties?: Record<string, unknown> }[]).map((f, i) => ({ name: nameOf(f?.properties, i), geometry: f?.geometry ?? null }));
  } else if (json.type === 'Feature') {
    raw = [{ name: nameOf(json.properties, 0), geometry: (json.geometry as RawFeature['geometry']) ?? null }];
  } else if (json.type === 'Polygon' || json.type === 'MultiPolygon') {
    raw = [{ name: 'feature 1', geometry: json as RawFeature['geometry'] }];
  } else throw new PolygonLayerError(`${fileName} is not a GeoJSON FeatureCollection, Feature or polygon`);
  return { fileName, crs, ...zonesOf(raw) };
}

/** The layer in another CRS (proj4); a zone that cannot be reprojected is skipped and named. */
export function reprojectZones(layer: ZoneLayer, to: Crs): ZoneLayer {
  const move = transformBetween(layer.crs, to);
  const zones: Zone[] = [];
  const skipped = [...layer.skipped];
  for (const zone of layer.zones) {
    try {
      zones.push({ name: zone.name, polygons: zone.polygons.map((rings) => rings.map((ring) => ring.map(move))) });
    } catch (error) {
      skipped.push({ name: zone.name, reason: `cannot be reprojected from ${crsLabel(layer.crs)} to ${crsLabel(to)}: ${(error as Error).message}` });
    }
  }
  return { ...layer, crs: to, zones, skipped };
}
