// A basemap the user brings as a file (MBTiles or PMTiles of raster tiles, in Web Mercator): read on this machine,
// tile by tile, and reprojected by OpenLayers into the project's CRS. Nothing is fetched.
import TileLayer from 'ol/layer/Tile.js';
import ImageTile from 'ol/source/ImageTile.js';
import { FileSource, PMTiles } from 'pmtiles';
import type { SqlDatabase } from '../../../domain/formats/gpkg/sql';
import type { MapLayer } from './types';

/** MBTiles are read into memory whole (SQLite in WebAssembly); PMTiles by byte ranges, at any size. */
const MAX_MBTILES = 512 * 1024 * 1024;
const PMTILES_RASTER: Record<number, string> = { 2: 'image/png', 3: 'image/jpeg', 4: 'image/webp', 5: 'image/avif' };

export interface Basemap {
  name: string;
  maxZoom: number;
  tile(z: number, x: number, y: number): Promise<Blob | null>;
  close(): void;
}

async function openMbtiles(file: File): Promise<Basemap> {
  if (file.size > MAX_MBTILES) throw new Error(`${file.name} is larger than ${MAX_MBTILES / 1024 / 1024} MB, too large to read into memory: convert it to PMTiles (pmtiles convert), which is read piece by piece`);
  const { openSqlBrowser } = await import('../../../platform/sqlite-browser');
  const db: SqlDatabase = await openSqlBrowser(new Uint8Array(await file.arrayBuffer()));
  let format = 'png';
  let maxZoom = 22;
  try {
    const meta = Object.fromEntries((db.exec('SELECT name, value FROM metadata')[0]?.values ?? []).map(([k, v]) => [String(k), String(v)]));
    format = meta.format ?? format;
    if (format === 'pbf') throw new Error(`${file.name} holds vector tiles; only raster tiles (png, jpg, webp) can be a basemap`);
    maxZoom = Number(db.exec('SELECT MAX(zoom_level) FROM tiles')[0]?.values[0]?.[0] ?? maxZoom);
  } catch (error) {
    db.close();
    throw new Error(/vector tiles/.test((error as Error).message) ? (error as Error).message : `${file.name} is not an MBTiles file (${(error as Error).message})`, { cause: error });
  }
  const type = `image/${format === 'jpg' ? 'jpeg' : format}`;
  return {
    name: file.name,
    maxZoom,
    async tile(z, x, y) {
      // MBTiles count rows from the south (TMS); OpenLayers from the north.
      const row = db.exec('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?', [z, x, 2 ** z - 1 - y])[0]?.values[0]?.[0];
      return row instanceof Uint8Array ? new Blob([row as BlobPart], { type }) : null;
    },
    close: () => db.close(),
  };
}

async function openPmtiles(file: File): Promise<Basemap> {
  const archive = new PMTiles(new FileSource(file));
  let header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    throw new Error(`${file.name} is not a PMTiles archive (${(error as Error).message})`, { cause: error });
  }
  const type = PMTILES_RASTER[header.tileType];
  if (!type) throw new Error(`${file.name} holds vector tiles; only raster tiles (png, jpg, webp) can be a basemap`);
  return {
    name: file.name,
    maxZoom: header.maxZoom,
    async tile(z, x, y) {
      const found = await archive.getZxy(z, x, y);
      return found ? new Blob([found.data], { type }) : null;
    },
    close: () => undefined,
  };
}

export function openBasemap(file: File): Promise<Basemap> {
  if (/\.mbtiles$/i.test(file.name)) return openMbtiles(file);
  if (/\.pmtiles$/i.test(file.name)) return openPmtiles(file);
  return Promise.reject(new Error(`${file.name}: a basemap is an .mbtiles or .pmtiles file of raster tiles`));
}

/** An empty transparent tile where the file has none (the rasters and the map background show through). */
const blank = () => createImageBitmap(new ImageData(1, 1));

export function basemapLayer(basemap: Basemap): MapLayer {
  const source = new ImageTile({
    projection: 'EPSG:3857',
    maxZoom: basemap.maxZoom,
    loader: async (z, x, y) => {
      const blob = await basemap.tile(z, x, y);
      return blob ? createImageBitmap(blob) : blank();
    },
  });
  return { id: 'basemap', layer: new TileLayer({ source, zIndex: -10 }), update: () => undefined, dispose: () => basemap.close() };
}
