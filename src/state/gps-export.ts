import { gpsCsv, gpsGeoJson, hasGps } from '../domain/evidence/gps-export';
import { viewOrder } from './gallery';
import { downloadBytes } from './vector-export';

/** Writes the GPS positions of the images the gallery shows, as GeoJSON points (RFC 7946) or CSV; returns how many. */
export function exportGpsPoints(kind: 'geojson' | 'csv'): number {
  const shown = viewOrder();
  const located = shown.filter(hasGps).length;
  if (located === 0) throw new Error(`none of the ${shown.length} images shown has a GPS position`);
  const stamp = new Date().toISOString().slice(0, 10);
  if (kind === 'geojson') downloadBytes(`photo-positions-${stamp}.geojson`, `${JSON.stringify(gpsGeoJson(shown), null, 2)}\n`, 'application/geo+json');
  else downloadBytes(`photo-positions-${stamp}.csv`, gpsCsv(shown), 'text/csv');
  return located;
}
