import { useMemo, useState } from 'react';
import type { Area } from '../../domain/geo/area';
import { crsLabel } from '../../domain/geo/georeference';
import { pixelToMap } from '../../domain/geo/affine';
import { areaStatus, useAreas } from '../../state/areas';
import { useDetection } from '../../state/detection';
import { objectsOfArea, useMapData } from '../../state/map-data';
import { exportArea, type VectorFormat } from '../../state/vector-export';
import { errorMessage } from '../../state/project-context';

const km2 = (v: number) => (v < 1 ? v.toFixed(3) : v.toFixed(2));

function FileExtents({ area }: { area: Area }) {
  return (
    <ul className="area-files" aria-label="Files">
      {area.members.map((m) => {
        const [e1, n1] = pixelToMap(area.transform, m.col, m.row);
        const [e2, n2] = pixelToMap(area.transform, m.col + m.width, m.row + m.height);
        return (
          <li key={m.sha256}>
            {m.fileName}: E {Math.min(e1, e2).toFixed(1)}–{Math.max(e1, e2).toFixed(1)}, N {Math.min(n1, n2).toFixed(1)}–{Math.max(n1, n2).toFixed(1)}
          </li>
        );
      })}
    </ul>
  );
}

function AreaItem({ area, index }: { area: Area; index: number }) {
  const runs = useAreas((s) => s.runs);
  const progress = useAreas((s) => s.progress);
  const runKey = useDetection((s) => s.run);
  const status = useMemo(() => areaStatus(area, { runs, progress }, runKey), [area, runs, progress, runKey]);
  const all = useMapData((s) => s.objects);
  const objects = useMemo(() => objectsOfArea(all, area), [all, area]);
  const [message, setMessage] = useState<string | null>(null);
  const run = async (format: VectorFormat) => {
    try {
      setMessage(`Exported ${await exportArea(area, objects, format)}`);
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };
  const running = status?.status === 'running';
  const paused = status?.status === 'paused';
  const finished = status?.status === 'finished';
  return (
    <li className="area" aria-label={`Area ${index + 1}`}>
      <h3>
        Area {index + 1}: {area.members.length} file{area.members.length === 1 ? '' : 's'} · {crsLabel(area.crs)} · {km2(area.coveredKm2)} km²
      </h3>
      {(area.hasGaps || area.hasOverlaps) && (
        <p className="meta">
          {area.hasGaps && 'Gaps between files: tiles over them are not run. '}
          {area.hasOverlaps && 'Files overlap: where they do, the first by name is read.'}
        </p>
      )}
      <FileExtents area={area} />
      <p className="area-actions">
        {!running && !paused && !finished && (
          <button type="button" onClick={() => void useAreas.getState().detect(area)}>
            Detect area
          </button>
        )}
        {running && (
          <button type="button" onClick={() => void useAreas.getState().pause(area)}>
            Pause
          </button>
        )}
        {paused && (
          <button type="button" onClick={() => void useAreas.getState().resume(area)}>
            Resume
          </button>
        )}
      </p>
      {status && (
        <p role="status" className="area-progress" aria-label={`Area ${index + 1} progress`}>
          {status.status === 'finished' ? 'Done' : status.status === 'paused' ? 'Paused' : status.status === 'failed' ? `Failed: ${status.error}` : status.status === 'cancelled' ? 'Cancelled' : 'Detecting'}:{' '}
          {km2(status.km2Done)} of {km2(status.km2Total)} km² · tile {status.done} / {status.total}
          {running && status.tilesPerSecond ? ` · ${status.tilesPerSecond.toFixed(2)} tiles/s` : ''}
        </p>
      )}
      <progress max={status?.total || 1} value={status?.done ?? 0} hidden={!status} />
      <p className="area-export">
        {objects.length} objects on the map ·{' '}
        <button type="button" onClick={() => void run('gpkg')}>
          GeoPackage
        </button>{' '}
        <button type="button" onClick={() => void run('geojson')}>
          GeoJSON
        </button>{' '}
        <button type="button" onClick={() => void run('fgb')}>
          FlatGeobuf
        </button>
      </p>
      {message && <p className="meta">{message}</p>}
    </li>
  );
}

/** The project's areas: files that touch in one CRS, each detected as one mosaic and exported as one layer. */
export function AreaPanel() {
  const areas = useAreas((s) => s.areas);
  const problems = useAreas((s) => s.problems);
  const error = useAreas((s) => s.error);
  return (
    <section className="areas" aria-label="Areas">
      <h2>Areas</h2>
      {areas.length === 0 && <p className="meta">No georeferenced images yet: import GeoTIFFs, or images with their world files.</p>}
      <ol>
        {areas.map((area, i) => (
          <AreaItem key={area.key} area={area} index={i} />
        ))}
      </ol>
      {problems.length > 0 && (
        <ul className="area-problems" aria-label="Grouping problems">
          {problems.map((p) => (
            <li key={p.reason}>{p.reason}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
