// Zones with their counts out: a GeoPackage polygon layer (one count field per class, and the total) and CSV.
import type { ZoneCount } from '../../geo/counts';
import type { Crs } from '../../geo/georeference';
import type { Zone } from '../../geo/polygons';
import { csvRow } from '../csv/rfc4180';
import { own } from '../../dict';
import type { GpkgField, GpkgLayer } from './write';

/** A field name for a class: `count_` and the label in letters, digits and _, unique among the others. */
export function countFieldNames(labels: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set(['zone', 'total']);
  for (const label of labels) {
    const base = `count_${label.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase() || 'class'}`.slice(0, 60);
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    names.set(label, name);
  }
  return names;
}

export function countsLayer(zones: readonly Zone[], counts: readonly ZoneCount[], labels: readonly string[], crs: Crs, name = 'counts'): GpkgLayer {
  const fieldOf = countFieldNames(labels);
  const fields: GpkgField[] = [{ name: 'zone', type: 'TEXT' }, ...labels.map((l) => ({ name: fieldOf.get(l)!, type: 'INTEGER' as const })), { name: 'total', type: 'INTEGER' }];
  return {
    name,
    description: `objects per zone and class (counted by box centre): ${labels.join(', ')}`,
    crs,
    geometryType: 'MULTIPOLYGON',
    fields,
    features: zones.map((zone, i) => ({
      polygons: zone.polygons,
      properties: Object.fromEntries([
        ['zone', zone.name],
        ...labels.map((l) => [fieldOf.get(l)!, own(counts[i]!.byLabel, l) ?? 0]),
        ['total', counts[i]!.total],
      ]),
    })),
  };
}

/** One row per zone: its name, a column per class (by label), the total. */
export function countsCsv(counts: readonly ZoneCount[], labels: readonly string[]): string {
  const header = csvRow(['zone', ...labels, 'total']);
  return header + counts.map((c) => csvRow([c.zone, ...labels.map((l) => String(own(c.byLabel, l) ?? 0)), String(c.total)])).join('');
}
