// Objects per zone and class: an object counts in every zone that holds its box's centre (parcels do not overlap;
// where zones nest, a car counts in the car park and in the municipality around it).
import type { Position } from './affine';
import type { Zone } from './polygons';
import { dict, own } from '../dict';

export interface CountedObject {
  label: string;
  /** The box's centre, in the zones' CRS. */
  centre: Position;
}

export interface ZoneCount {
  zone: string;
  byLabel: Record<string, number>;
  total: number;
}

/** Even-odd rule over all rings, so a point in a hole is outside. */
export function insidePolygon(point: Position, rings: readonly (readonly Position[])[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

interface Indexed {
  zone: Zone;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Counts per zone (in the zones' order) and label; zones with no object have total 0. */
export function countInZones(zones: readonly Zone[], objects: readonly CountedObject[]): ZoneCount[] {
  const indexed: Indexed[] = zones.map((zone) => {
    const box = { zone, minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const rings of zone.polygons) {
      for (const [x, y] of rings[0] ?? []) {
        box.minX = Math.min(box.minX, x);
        box.minY = Math.min(box.minY, y);
        box.maxX = Math.max(box.maxX, x);
        box.maxY = Math.max(box.maxY, y);
      }
    }
    return box;
  });
  const counts = zones.map((zone): ZoneCount => ({ zone: zone.name, byLabel: dict<number>(), total: 0 }));
  for (const { label, centre } of objects) {
    const [x, y] = centre;
    indexed.forEach((z, i) => {
      if (x < z.minX || x > z.maxX || y < z.minY || y > z.maxY) return;
      if (!z.zone.polygons.some((rings) => insidePolygon(centre, rings))) return;
      const count = counts[i]!;
      count.byLabel[label] = (own(count.byLabel, label) ?? 0) + 1;
      count.total++;
    });
  }
  return counts;
}

/** Labels present in any zone, most counted first (the table's and the exported columns' order). */
export function countedLabels(counts: readonly ZoneCount[]): string[] {
  const totals = new Map<string, number>();
  for (const c of counts) for (const [label, n] of Object.entries(c.byLabel)) totals.set(label, (totals.get(label) ?? 0) + n);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label]) => label);
}
