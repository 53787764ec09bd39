import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A 100,000 × 100,000 px RGB GeoTIFF (EPSG:25832, 20 cm pixels), tiled 512², every tile sparse (not written):
 * about 300 KB on disk, 30 GB if decoded. Made with GDAL at test time.
 */
export function hugeSparseGeoTiff(dir: string, name = 'huge.tif'): string {
  const path = join(dir, name);
  execFileSync('gdal_create', [
    '-q', '-of', 'GTiff', '-outsize', '100000', '100000', '-bands', '3', '-ot', 'Byte',
    '-a_srs', 'EPSG:25832', '-a_ullr', '550000', '5805000', '570000', '5785000',
    '-co', 'TILED=YES', '-co', 'BLOCKXSIZE=512', '-co', 'BLOCKYSIZE=512', '-co', 'SPARSE_OK=TRUE', '-co', 'COMPRESS=DEFLATE',
    path,
  ]);
  return path;
}
