import { useState } from 'react';
import { crsLabel } from '../../domain/geo/georeference';
import type { ImageRecord } from '../../domain/image';
import { useDetection } from '../../state/detection';
import { exportGeoJson } from '../../state/geo-export';
import { useLibrary } from '../../state/library';

/** Georeference of the image and GeoJSON export of its shown detections; asks for a CRS where the file named none. */
export function GeoPanel({ image }: { image: ImageRecord }) {
  const result = useDetection((s) => s.results[image.sha256]);
  const scoreThreshold = useDetection((s) => s.scoreThreshold);
  const setCrs = useLibrary((s) => s.setCrs);
  const [epsg, setEpsg] = useState('');
  const [error, setError] = useState<string | null>(null);
  const geo = image.georeference;
  if (!geo) return null;
  const [, a, , , , e] = geo.transform;

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
      {geo.crs === null ? (
        <form
          className="crs-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            const code = Number(epsg);
            if (Number.isInteger(code) && code > 0) void setCrs(image.sha256, { epsg: code });
            else setError('An EPSG code is a whole number, e.g. 25832 for ETRS89 / UTM zone 32N');
          }}
        >
          <label>
            The file names no CRS. EPSG code <input value={epsg} onChange={(ev) => setEpsg(ev.target.value)} size={7} />
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
