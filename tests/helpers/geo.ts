import type { Position } from '../../src/domain/geo/affine';

/** Ground distance in metres between two lon/lat positions (equirectangular: exact enough over metres). */
export function metresApart([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const toRad = Math.PI / 180;
  const dx = (lon2 - lon1) * toRad * Math.cos(((lat1 + lat2) / 2) * toRad) * 6_378_137;
  const dy = (lat2 - lat1) * toRad * 6_356_752;
  return Math.hypot(dx, dy);
}

/**
 * The astronaut in the mosaic fixtures: pixels x 300–812, y 300–812; upper-left corner E 550000 N 5805000,
 * 0.2 m pixels, EPSG:25832. Its corners in that CRS, and in WGS 84 as PROJ 9.1 gives them
 * (`cs2cs EPSG:25832 EPSG:4326 -f %.10f`), in the ring order of boxToRing: top-left, bottom-left,
 * bottom-right, top-right.
 */
export const ASTRONAUT = {
  box: { x: 300, y: 300, w: 512, h: 512 },
  native: [
    [550060, 5804940],
    [550060, 5804837.6],
    [550162.4, 5804837.6],
    [550162.4, 5804940],
  ] as Position[],
  wgs84: [
    [9.7356553278, 52.3924168972],
    [9.7356400223, 52.3914963605],
    [9.7371446723, 52.3914869873],
    [9.7371600091, 52.3924075237],
  ] as Position[],
};
