/**
 * The coordinate systems the workbench can reproject without a network: what German survey offices and
 * their neighbours deliver orthophotos in, plus WGS 84 and Web Mercator. The proj strings are PROJ's own
 * for these codes (as `projinfo EPSG:NNNN -o PROJ` prints them with PROJ 9); the DHDN ones carry the
 * 7-parameter shift to WGS 84 (EPSG:1777, about 1 m), as PROJ's definition does when no grid is used.
 * `esri` is the name ESRI-style .prj files give the CRS (they carry no EPSG authority).
 */
export interface CrsDefinition {
  epsg: number;
  name: string;
  proj4: string;
  geographic: boolean;
  esri: string;
}

const tmercDhdn = (zone: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${zone * 3} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=bessel ` +
  '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';
const utmEtrs = (zone: number) => `+proj=utm +zone=${zone} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
const utmWgs = (zone: number) => `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`;

export const CRS_DEFINITIONS: readonly CrsDefinition[] = [
  { epsg: 4326, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true, esri: 'GCS_WGS_1984' },
  { epsg: 4258, name: 'ETRS89', proj4: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs', geographic: true, esri: 'GCS_ETRS_1989' },
  {
    epsg: 3857,
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    geographic: false,
    esri: 'WGS_1984_Web_Mercator_Auxiliary_Sphere',
  },
  { epsg: 25832, name: 'ETRS89 / UTM zone 32N', proj4: utmEtrs(32), geographic: false, esri: 'ETRS_1989_UTM_Zone_32N' },
  { epsg: 25833, name: 'ETRS89 / UTM zone 33N', proj4: utmEtrs(33), geographic: false, esri: 'ETRS_1989_UTM_Zone_33N' },
  { epsg: 32632, name: 'WGS 84 / UTM zone 32N', proj4: utmWgs(32), geographic: false, esri: 'WGS_1984_UTM_Zone_32N' },
  { epsg: 32633, name: 'WGS 84 / UTM zone 33N', proj4: utmWgs(33), geographic: false, esri: 'WGS_1984_UTM_Zone_33N' },
  { epsg: 31466, name: 'DHDN / 3-degree Gauss-Kruger zone 2', proj4: tmercDhdn(2), geographic: false, esri: 'DHDN_3_Degree_Gauss_Zone_2' },
  { epsg: 31467, name: 'DHDN / 3-degree Gauss-Kruger zone 3', proj4: tmercDhdn(3), geographic: false, esri: 'DHDN_3_Degree_Gauss_Zone_3' },
  { epsg: 31468, name: 'DHDN / 3-degree Gauss-Kruger zone 4', proj4: tmercDhdn(4), geographic: false, esri: 'DHDN_3_Degree_Gauss_Zone_4' },
];

export const crsDefinition = (epsg: number): CrsDefinition | undefined => CRS_DEFINITIONS.find((d) => d.epsg === epsg);

export function epsgForEsriName(name: string): number | undefined {
  return CRS_DEFINITIONS.find((d) => d.esri.toLowerCase() === name.toLowerCase())?.epsg;
}

export const bundledEpsgList = () => CRS_DEFINITIONS.map((d) => d.epsg).join(', ');
