// Area and zone exports as files offered for download (nothing leaves the machine).
import type { Area } from '../domain/geo/area';
import type { MapObject } from '../domain/formats/gpkg/detections';
import { detectionsLayer } from '../domain/formats/gpkg/detections';
import { type GpkgLayer, writeGeoPackage } from '../domain/formats/gpkg/write';
import { objectsToGeoJson } from '../domain/formats/geojson/objects';
import { formatBytes } from '../pwa/storage';
import { download } from '../platform/download';

export type VectorFormat = 'gpkg' | 'geojson' | 'fgb';

/** Offers bytes (or text) as a file; nothing leaves the machine. */
export function downloadBytes(fileName: string, bytes: Uint8Array | string, type: string): void {
  download(new Blob([bytes as BlobPart], { type }), fileName);
}

/**
 * A GeoPackage of the layers, built whole in memory before anything is offered: a failure (SQLite out of the
 * memory the browser gives WebAssembly) leaves no partial file, and says how large it was getting.
 */
export async function geoPackageBytes(layers: readonly GpkgLayer[]): Promise<Uint8Array> {
  const { openSqlBrowser } = await import('../platform/sqlite-browser');
  const db = await openSqlBrowser();
  try {
    return writeGeoPackage(db, layers);
  } catch (error) {
    const features = layers.reduce((n, l) => n + l.features.length, 0);
    if (/memory|abort/i.test((error as Error).message)) {
      throw new Error(`the GeoPackage of ${features} features needs more memory than this browser gives (${(error as Error).message}); export one area at a time`, { cause: error });
    }
    throw error;
  } finally {
    db.close();
  }
}

const stem = (area: Area) => `area-${area.members[0]!.fileName.replace(/\.[^.]+$/, '')}${area.members.length > 1 ? `-and-${area.members.length - 1}` : ''}`;

/** The objects of one area as GeoPackage (layer "detections"), GeoJSON in its CRS, or FlatGeobuf. */
export async function exportArea(area: Area, objects: readonly MapObject[], format: VectorFormat): Promise<string> {
  const name = stem(area);
  if (format === 'geojson') {
    const json = `${JSON.stringify(objectsToGeoJson(objects, 'native', name))}\n`;
    downloadBytes(`${name}.geojson`, json, 'application/geo+json');
    return `${name}.geojson`;
  }
  if (format === 'fgb') {
    const { toFlatGeobuf } = await import('../domain/formats/fgb/export');
    downloadBytes(`${name}.fgb`, toFlatGeobuf(objects), 'application/octet-stream');
    return `${name}.fgb`;
  }
  const bytes = await geoPackageBytes([detectionsLayer(objects, 'detections', area.crs)]);
  downloadBytes(`${name}.gpkg`, bytes, 'application/geopackage+sqlite3');
  return `${name}.gpkg (${formatBytes(bytes.length)})`;
}
