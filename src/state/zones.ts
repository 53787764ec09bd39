import { create } from 'zustand';
import { pixelToMap } from '../domain/geo/affine';
import { type CountedObject, countedLabels, countInZones, type ZoneCount } from '../domain/geo/counts';
import type { Crs } from '../domain/geo/georeference';
import { crsLabel } from '../domain/geo/georeference';
import { PolygonLayerError, readGeoJsonZones, reprojectZones, type ZoneLayer } from '../domain/geo/polygons';
import { transformBetween } from '../domain/geo/reproject';
import type { MapObject } from '../domain/formats/gpkg/detections';
import { countsCsv, countsLayer } from '../domain/formats/gpkg/counts';
import { formatBytes, storageEstimate } from '../pwa/storage';
import { readSetting, writeSetting } from '../storage';
import { useAreas } from './areas';
import { useLibrary } from './library';
import { projectCrs, useMapData } from './map-data';
import { database, errorMessage } from './project-context';
import { downloadBytes, geoPackageBytes } from './vector-export';

const ZONES_SETTING = 'countZones';
/** A polygon file larger than this is not read into memory (SQLite in WebAssembly holds the whole file). */
const MAX_ZONE_FILE = 512 * 1024 * 1024;

interface ZonesState {
  /** The imported layer, reprojected into the project's CRS. */
  layer: ZoneLayer | null;
  /** What the import said: the CRS it came in, skipped features. */
  note: string | null;
  counts: ZoneCount[];
  labels: string[];
  error: string | null;
  load(): Promise<void>;
  importFile(file: File): Promise<void>;
  clear(): Promise<void>;
  /** Counts again from the map's current objects. */
  recount(): void;
  exportCounts(format: 'gpkg' | 'csv'): Promise<void>;
}

/** Box centres of the objects in `crs` (reprojected where an image is in another CRS). */
function centres(objects: readonly MapObject[], crs: Crs): CountedObject[] {
  const movers = new Map<string, (p: [number, number]) => [number, number]>();
  return objects.flatMap(({ image, annotation }) => {
    const from = image.georeference.crs!;
    const key = crsLabel(from);
    let move = movers.get(key);
    if (!move) {
      try {
        move = transformBetween(from, crs);
      } catch {
        return []; // an image the map cannot place in the project's CRS is not counted (the map says so)
      }
      movers.set(key, move);
    }
    const { x, y, w, h } = annotation.box;
    return [{ label: annotation.label, centre: move(pixelToMap(image.georeference.transform, x + w / 2, y + h / 2)) }];
  });
}

async function readZones(file: File): Promise<ZoneLayer> {
  if (file.size > MAX_ZONE_FILE) throw new PolygonLayerError(`${file.name} is ${formatBytes(file.size)}; polygon layers up to ${formatBytes(MAX_ZONE_FILE)} are read`);
  if (/\.gpkg$/i.test(file.name)) {
    const [{ openSqlBrowser }, { readGeoPackageZones }] = await Promise.all([import('../platform/sqlite-browser'), import('../domain/formats/gpkg/zones')]);
    const db = await openSqlBrowser(new Uint8Array(await file.arrayBuffer()));
    try {
      return readGeoPackageZones(db, file.name);
    } finally {
      db.close();
    }
  }
  return readGeoJsonZones(await file.text(), file.name);
}

export const useZones = create<ZonesState>((set, get) => ({
  layer: null,
  note: null,
  counts: [],
  labels: [],
  error: null,

  async load() {
    const saved = await readSetting<ZoneLayer | null>(await database(), ZONES_SETTING, null);
    set({ layer: saved, note: null, error: null });
    get().recount();
  },

  async importFile(file) {
    set({ error: null });
    try {
      const crs = projectCrs(useAreas.getState().areas);
      if (!crs) throw new PolygonLayerError('import georeferenced images first: zones are counted in their CRS');
      const read = await readZones(file);
      const layer = reprojectZones(read, crs);
      if (layer.zones.length === 0) throw new PolygonLayerError(`${file.name}: no valid polygon (${layer.skipped.length} skipped: ${layer.skipped.slice(0, 3).map((s) => `${s.name}: ${s.reason}`).join('; ')})`);
      const json = JSON.stringify(layer);
      const estimate = await storageEstimate();
      if (estimate && json.length * 2 > estimate.quota - estimate.usage) {
        throw new PolygonLayerError(`${file.name} needs about ${formatBytes(json.length * 2)} and this browser's storage has ${formatBytes(estimate.quota - estimate.usage)} free: nothing was saved`);
      }
      await writeSetting(await database(), ZONES_SETTING, layer);
      const moved = crsLabel(read.crs) === crsLabel(crs) ? '' : `, reprojected from ${crsLabel(read.crs)} to ${crsLabel(crs)}`;
      set({ layer, note: `${layer.zones.length} zones from ${file.name}${moved}` });
      get().recount();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },

  async clear() {
    await writeSetting(await database(), ZONES_SETTING, null);
    set({ layer: null, note: null, counts: [], labels: [] });
  },

  recount() {
    const { layer } = get();
    if (!layer) return set({ counts: [], labels: [] });
    const counts = countInZones(layer.zones, centres(useMapData.getState().objects, layer.crs));
    set({ counts, labels: countedLabels(counts) });
  },

  async exportCounts(format) {
    const { layer, counts, labels } = get();
    if (!layer) return;
    set({ error: null });
    try {
      const name = `counts-${layer.fileName.replace(/\.[^.]+$/, '')}`;
      if (format === 'csv') downloadBytes(`${name}.csv`, countsCsv(counts, labels), 'text/csv');
      else downloadBytes(`${name}.gpkg`, await geoPackageBytes([countsLayer(layer.zones, counts, labels, layer.crs)]), 'application/geopackage+sqlite3');
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));

useMapData.subscribe((s, before) => {
  if (s.objects !== before.objects) useZones.getState().recount();
});

// Another project opened: its zones, not the last one's.
useLibrary.subscribe((s, before) => {
  if (s.loaded && !before.loaded) void useZones.getState().load();
});
