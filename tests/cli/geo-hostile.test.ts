import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers/fixtures';
import { workbench } from '../helpers/workbench';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'geo-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** astronaut.png with a world file beside it, under a name of its own. */
async function placed(name: string, worldFile: string): Promise<string> {
  const image = join(dir, `${name}.png`);
  await copyFile(fixturePath('astronaut.png'), image);
  await writeFile(join(dir, `${name}.pgw`), worldFile);
  return image;
}

const UTM_WORLD_FILE = '0.2\n0\n0\n-0.2\n550000.1\n5804999.9\n';

describe('geodata must be finite and named by a CRS the workbench knows', () => {
  it('a world file with 1e308 is refused with the reason; no GeoJSON with null coordinates', async () => {
    const image = await placed('huge', '1e308\n0\n0\n-1\n0\n0\n');
    const run = await workbench('detect', image, '--format', 'geojson', '--crs-epsg', '25832');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${image}: ${join(dir, 'huge.pgw')}: affine [`);
    expect(run.stderr).toContain('puts pixel corner (512, 0) at (Infinity, 0.5), not a finite position');
  });

  it('an unknown EPSG code is not written into a native GeoJSON', async () => {
    const image = await placed('unknown', UTM_WORLD_FILE);
    const run = await workbench('detect', image, '--format', 'geojson', '--crs-epsg', '12345');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${image}: EPSG:12345 is not among the bundled definitions (4326, 4258, 3857, 25832`);
    expect(run.stderr).toContain('give its definition instead (a .prj with its WKT, or a proj4 string)');
  });

  it('--crs-def gives the CRS as a proj4 string; GDAL reads the GeoJSON in that CRS', async () => {
    const image = await placed('defined', UTM_WORLD_FILE);
    const out = join(dir, 'defined.geojson');
    const proj4 = '+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs';
    const run = await workbench('detect', image, '--format', 'geojson', '--crs-def', proj4, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(await readFile(out, 'utf8')) as { crs: { properties: { name: string } }; features: { geometry: { coordinates: number[][][] } }[] };
    expect(json.crs.properties.name).toBe(proj4);
    expect(json.features.length).toBeGreaterThan(0);
    const info = (await promisify(execFile)('ogrinfo', ['-ro', '-al', '-so', out])).stdout;
    expect(info).toMatch(/UTM zone 32N|Transverse_Mercator|"Central meridian",9/);
  });

  it('--crs-def refuses text proj4 cannot read, as a usage error', async () => {
    const image = await placed('bad-def', UTM_WORLD_FILE);
    const run = await workbench('detect', image, '--format', 'geojson', '--crs-def', '+proj=nonsense');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--crs-def: cannot reproject from this definition/);
  });
});
