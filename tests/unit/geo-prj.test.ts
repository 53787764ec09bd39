import { describe, expect, it } from 'vitest';
import { GeoreferenceError } from '../../src/domain/geo/georeference';
import { crsFromPrj } from '../../src/domain/geo/prj';

// As GDAL/PROJ write EPSG:25832 in WKT 1 (GDAL flavour), WKT 2 and ESRI WKT (shortened where it does not matter).
const WKT1 =
  'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",' +
  'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4258"]],' +
  'PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",9],UNIT["metre",1,AUTHORITY["EPSG","9001"]],' +
  'AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]';
const WKT2 = `PROJCRS["ETRS89 / UTM zone 32N",
    BASEGEOGCRS["ETRS89",
        ENSEMBLE["European Terrestrial Reference System 1989 ensemble",
            MEMBER["European Terrestrial Reference Frame 1989"],
            ELLIPSOID["GRS 1980",6378137,298.257222101,LENGTHUNIT["metre",1]],
            ENSEMBLEACCURACY[0.1]],
        PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],
        ID["EPSG",4258]],
    CONVERSION["UTM zone 32N",METHOD["Transverse Mercator",ID["EPSG",9807]]],
    CS[Cartesian,2],
        AXIS["(E)",east,ORDER[1],LENGTHUNIT["metre",1]],
        AXIS["(N)",north,ORDER[2],LENGTHUNIT["metre",1]],
    USAGE[SCOPE["Engineering survey, topographic mapping."],AREA["Europe between 6°E and 12°E"],BBOX[38.76,6,84.33,12.01]],
    ID["EPSG",25832]]`;
const ESRI =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
  'PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",9.0],UNIT["Meter",1.0]]';

describe('.prj → CRS', () => {
  it('finds the EPSG code of the top-level node in WKT 1 and WKT 2, not that of a nested datum or base CRS', () => {
    expect(crsFromPrj(WKT1)).toEqual({ epsg: 25832 });
    expect(crsFromPrj(`\uFEFF${WKT2}\n`)).toEqual({ epsg: 25832 });
    expect(crsFromPrj('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],AUTHORITY["EPSG","4326"]]')).toEqual({ epsg: 4326 });
  });

  it('recognises the ESRI names of the bundled systems, and keeps other WKT as it is', () => {
    expect(crsFromPrj(ESRI)).toEqual({ epsg: 25832 });
    const withoutTopLevelCode = WKT1.replace(/,AUTHORITY\["EPSG","25832"\]\]$/, ']');
    expect(crsFromPrj(withoutTopLevelCode)).toEqual({ wkt: withoutTopLevelCode });
    const custom = 'PROJCS["Local grid",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]],UNIT["Meter",1]]';
    expect(crsFromPrj(custom)).toEqual({ wkt: custom });
  });

  it('names the file for text that is not WKT', () => {
    expect(() => crsFromPrj('EPSG:25832', 'ortho.prj')).toThrow(GeoreferenceError);
    expect(() => crsFromPrj('EPSG:25832', 'ortho.prj')).toThrow('ortho.prj: not WKT: expected "[" after EPSG at character 5');
    expect(() => crsFromPrj('PROJCS["unterminated', 'ortho.prj')).toThrow('ortho.prj: not WKT: unterminated string');
    expect(() => crsFromPrj('PROJCS["x",AUTHORITY["EPSG","1"]', 'ortho.prj')).toThrow(/^ortho\.prj: not WKT/);
  });
});
