import { useState } from 'react';
import { bundledEpsgList, crsDefinition } from '../../domain/geo/crs-definitions';
import { type Crs, crsLabel } from '../../domain/geo/georeference';
import { toWgs84 } from '../../domain/geo/reproject';
import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { exportGeoJson } from '../../state/geo-export';
import { useLibrary } from '../../state/library';

/**
 * What was typed as a CRS: an EPSG code of the bundled table, or a proj4 string or WKT that proj4 reads.
 * A string with the reason when it is neither: an export must never name a CRS nothing here can check.
 */
function crsFromInput(text: string): Crs | string {
  const typed = text.trim();
  if (/^\d+$/.test(typed)) {
    const code = Number(typed);
    if (crsDefinition(code)) return { epsg: code };
    return `EPSG:${code} is not among the bundled definitions (${bundledEpsgList()}); paste its proj4 or WKT definition instead`;
  }
  if (typed === '') return 'Type an EPSG code (e.g. 25832 for ETRS89 / UTM zone 32N) or a proj4 or WKT definition';
  try {
    toWgs84({ wkt: typed });
    return { wkt: typed };
  } catch (error) {
    return `Not a CRS definition proj4 reads (${(error as Error).message.replace(/^cannot reproject from this definition \((.*)\).*$/, '$1')})`;
  }
}

/**
 * Georeference of the image and GeoJSON export of its shown detections; asks for a CRS where the file named none,
 * or an EPSG code outside the bundled table. Keyed by image where it is used, so a message never outlives its image.
 */
export function GeoPanel({ image }: { image: ImageRecord }) {
  const result = useDetection((s) => s.results[image.sha256]);
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const setCrs = useLibrary((s) => s.setCrs);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const geo = image.georeference;
  if (!geo) return null;
  const [, a, , , , e] = geo.transform;
  const unknownCode = geo.crs !== null && 'epsg' in geo.crs && !crsDefinition(geo.crs.epsg);

  const run = (target: 'native' | 'wgs84') => {
    if (!result) return;
    setError(null);
    exportGeoJson(image, result, scoreThreshold, target).catch((err: unknown) => setError((err as Error).message));
  };

  return (
    <section className="geo" aria-label="Georeference">
      <p className="meta">
        Georeferenced ({geo.source === 'geotiff' ? 'GeoTIFF tags' : 'world file'}) · {crsLabel(geo.crs)} ·{' '}
        {Math.abs(a).toPrecision(3)} × {Math.abs(e).toPrecision(3)} per pixel
      </p>
      {geo.crs === null || unknownCode ? (
        <form
          className="crs-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            const crs = crsFromInput(typed);
            if (typeof crs === 'string') setError(crs);
            else {
              setError(null);
              void setCrs(image.sha256, crs);
            }
          }}
        >
          <label>
            {unknownCode ? `The file names ${crsLabel(geo.crs)}, which is not in the bundled table.` : 'The file names no CRS.'} EPSG code or
            definition <input value={typed} onChange={(ev) => setTyped(ev.target.value)} size={12} />
          </label>
          <button type="submit">Set CRS</button>
        </form>
      ) : (
        result &&
        !result.tags && (
          <p className="geo-export">
            <button type="button" onClick={() => run('native')}>
              GeoJSON ({crsLabel(geo.crs)})
            </button>
            <button type="button" onClick={() => run('wgs84')}>
              GeoJSON (WGS 84)
            </button>
          </p>
        )
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
