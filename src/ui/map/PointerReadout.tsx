import { useMemo } from 'react';
import type { Crs } from '../../domain/geo/georeference';
import { crsLabel } from '../../domain/geo/georeference';
import { isGeographic, toWgs84 } from '../../domain/geo/reproject';

/** Where the pointer is, in the project's CRS and in WGS 84. */
export function PointerReadout({ crs, at }: { crs: Crs; at: [number, number] | null }) {
  const project = useMemo(() => {
    try {
      return toWgs84(crs);
    } catch {
      return null;
    }
  }, [crs]);
  if (!at) return <p className="map-pointer" data-testid="map-pointer">Move the pointer over the map for its coordinates</p>;
  const native = isGeographic(crs) ? `lon ${at[0].toFixed(7)} lat ${at[1].toFixed(7)}` : `E ${at[0].toFixed(2)} N ${at[1].toFixed(2)}`;
  let wgs84 = 'no WGS 84 position';
  try {
    if (project) {
      const [lon, lat] = project(at);
      wgs84 = `${Math.abs(lat).toFixed(6)}° ${lat >= 0 ? 'N' : 'S'} ${Math.abs(lon).toFixed(6)}° ${lon >= 0 ? 'E' : 'W'} (WGS 84)`;
    }
  } catch {
    // outside the CRS's area: said as it is
  }
  return (
    <p className="map-pointer" data-testid="map-pointer">
      {native} ({crsLabel(crs)}) · {wgs84}
    </p>
  );
}
