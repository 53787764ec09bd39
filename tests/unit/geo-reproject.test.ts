import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/geo/affine';
import { CRS_DEFINITIONS } from '../../src/domain/geo/crs-definitions';
import { isGeographic, toWgs84, UnsupportedCrsError } from '../../src/domain/geo/reproject';
import { metresApart } from '../helpers/geo';

/**
 * Reference positions from PROJ 9.1 (Debian's proj-bin), `cs2cs EPSG:NNNN EPSG:4326 -f %.10f` (inputs in each
 * system's EPSG axis order). For DHDN the reference is cs2cs with the same proj string (the EPSG:1777
 * 7-parameter shift), since PROJ's EPSG path picks another transformation; see the test below for how far apart
 * those are.
 */
const REFERENCES: [number, Position, Position][] = [
  [25832, [550000, 5805000], [9.734782636, 52.3929617575]],
  [32632, [550000, 5805000], [9.734782636, 52.3929617564]],
  [25833, [400000, 5805000], [13.530631478, 52.3861125738]],
  [32633, [400000, 5805000], [13.530631478, 52.3861125727]],
  [31466, [2550000, 5805000], [6.7336106253, 52.3760364067]],
  [31467, [3550000, 5805000], [9.7331471615, 52.376044139]],
  [31468, [4550000, 5805000], [12.7326850461, 52.3760636209]],
  [3857, [1083000, 6868000], [9.728754527, 52.3738134568]],
  [4258, [9.7347826, 52.3929618], [9.7347826, 52.3929618]],
  [4326, [9.7347826, 52.3929618], [9.7347826, 52.3929618]],
];

describe('reprojection to WGS 84 with the bundled definitions', () => {
  it.each(REFERENCES)('EPSG:%i %j lies within 1 m of PROJ\'s answer', (epsg, input, expected) => {
    const got = toWgs84({ epsg })(input);
    expect(metresApart(got, expected)).toBeLessThan(0.01);
  });

  it('puts DHDN within the 3 m EPSG gives the 7-parameter shift of PROJ\'s own choice (DHDN to WGS 84 (4), no grid)', () => {
    // cs2cs EPSG:31466 / 31467 / 31468 EPSG:4326 (northing first), PROJ 9.1 without the BETA2007 grid.
    const epsgPath: [number, Position, Position][] = [
      [31466, [2550000, 5805000], [6.733601637, 52.3760495629]],
      [31467, [3550000, 5805000], [9.733146445, 52.3760465431]],
      [31468, [4550000, 5805000], [12.7326828474, 52.3760630622]],
    ];
    for (const [epsg, input, expected] of epsgPath) expect(metresApart(toWgs84({ epsg })(input), expected)).toBeLessThan(3);
  });

  it('covers every bundled system with a reference point', () => {
    expect(CRS_DEFINITIONS.map((d) => d.epsg).sort()).toEqual(REFERENCES.map(([epsg]) => epsg).sort());
  });

  it('the mosaic origin, E 550000 N 5805000 in UTM 32N, is 9.7347826° E 52.3929618° N (Hannover)', () => {
    const [lon, lat] = toWgs84({ epsg: 25832 })([550000, 5805000]);
    expect(lon).toBeCloseTo(9.7347826, 7);
    expect(lat).toBeCloseTo(52.3929618, 7);
  });

  it('reprojects from a WKT when the .prj gave no EPSG code', () => {
    const wkt =
      'PROJCS["UTM 32 on GRS80",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
      'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],' +
      'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(metresApart(toWgs84({ wkt })([550000, 5805000]), [9.734782636, 52.3929617575])).toBeLessThan(0.01);
  });

  it('refuses an EPSG code outside the table, listing what is bundled', () => {
    expect(() => toWgs84({ epsg: 2056 })).toThrow(UnsupportedCrsError);
    expect(() => toWgs84({ epsg: 2056 })).toThrow(
      'EPSG:2056 is not among the bundled definitions (4326, 4258, 3857, 25832, 25833, 32632, 32633, 31466, 31467, 31468); give its definition instead (a .prj with its WKT, or a proj4 string)',
    );
  });

  it('knows which systems count in degrees', () => {
    expect([4326, 4258, 4230, 25832, 3857, 31467].map((epsg) => isGeographic({ epsg }))).toEqual([true, true, true, false, false, false]);
    expect(isGeographic({ wkt: 'GEOGCS["x"]' })).toBe(true);
    expect(isGeographic({ wkt: 'PROJCS["x"]' })).toBe(false);
  });
});
