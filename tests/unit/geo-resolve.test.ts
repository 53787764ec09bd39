import { describe, expect, it } from 'vitest';
import type { Georeference } from '../../src/domain/geo/georeference';
import { GeoreferenceError } from '../../src/domain/geo/georeference';
import { resolveGeoreference } from '../../src/domain/geo/resolve';
import { resolveWithSidecars } from '../../src/platform/sidecars';

// ESRI WKT of EPSG:25832 (what a .prj beside a raster often holds) and of EPSG:25833.
const PRJ_32 =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
  'PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",9.0],UNIT["Meter",1.0]]';
const PRJ_33 = PRJ_32.replace('Zone_32N', 'Zone_33N').replace('"Central_Meridian",9.0', '"Central_Meridian",15.0');
const TRANSFORM = [550000, 0.2, 0, 5805000, 0, -0.2] as const;
const untagged: Georeference = { transform: TRANSFORM, crs: null, source: 'geotiff' };
const tagged: Georeference = { transform: TRANSFORM, crs: { epsg: 25832 }, source: 'geotiff' };
const WORLD = '0.2\n0\n0\n-0.2\n550000.1\n5804999.9\n';
const size = { width: 100, height: 100 };

describe('resolveGeoreference', () => {
  it('gives a GeoTIFF whose tags name no CRS the CRS of the .prj beside it', () => {
    const { georeference, notes } = resolveGeoreference({ tags: untagged, prj: { name: 'ortho.prj', text: PRJ_32 }, ...size });
    expect(georeference).toEqual({ ...untagged, crs: { epsg: 25832 } });
    expect(notes).toEqual([]);
  });

  it("keeps the tags' CRS over a .prj that disagrees, and says so", () => {
    const { georeference, notes } = resolveGeoreference({ tags: tagged, prj: { name: 'ortho.prj', text: PRJ_33 }, ...size });
    expect(georeference).toEqual(tagged);
    expect(notes).toEqual(['ortho.prj (EPSG:25833) ignored: the GeoTIFF says EPSG:25832']);
  });

  it('places a file by its world file when it has no tags, with no CRS until one is named', () => {
    const { georeference } = resolveGeoreference({ tags: null, worldFile: { name: 'photo.jgw', text: WORLD }, ...size });
    expect(georeference?.source).toBe('worldfile');
    expect(georeference?.crs).toBeNull();
    expect(georeference?.transform[0]).toBeCloseTo(550000);
    expect(resolveGeoreference({ tags: null, ...size }).georeference).toBeNull();
  });

  it('names the file at fault when a world file places the raster nowhere', () => {
    const worldFile = { name: 'huge.pgw', text: '1e308\n0\n0\n-1e308\n0\n0\n' };
    expect(() => resolveGeoreference({ tags: null, worldFile, ...size })).toThrow(GeoreferenceError);
    expect(() => resolveGeoreference({ tags: null, worldFile, ...size })).toThrow(/^huge\.pgw: affine/);
  });
});

describe("the app's import applies the same rule to the files picked with an image", () => {
  it('reads the .prj picked beside a GeoTIFF whose tags name no CRS', async () => {
    const files = [new File([PRJ_32], 'ortho.prj')];
    const { georeference } = await resolveWithSidecars(new File([], 'ortho.tif'), files, untagged, size);
    expect(georeference?.crs).toEqual({ epsg: 25832 });
  });

  it('ignores a world file beside a GeoTIFF its tags already place', async () => {
    const files = [new File(['not a world file'], 'ortho.tfw'), new File([PRJ_32], 'ortho.prj')];
    const { georeference } = await resolveWithSidecars(new File([], 'ortho.tif'), files, tagged, size);
    expect(georeference).toEqual(tagged);
  });
});
