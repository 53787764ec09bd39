import { useRef } from 'react';
import { useZones } from '../../state/zones';
import { own } from '../../domain/dict';
import { RAMP_COLOURS, rampStep } from './layers/zones';

/** Zones to count in (imported polygons), the counts per zone and class, and their export. */
export function ZonesPanel() {
  const { layer, note, counts, labels, error } = useZones();
  const input = useRef<HTMLInputElement>(null);
  const max = Math.max(0, ...counts.map((c) => c.total));
  return (
    <section className="zones" aria-label="Counts per zone">
      <h2>Counts per zone</h2>
      <p>
        <button type="button" onClick={() => input.current?.click()}>
          Import zones…
        </button>
        <input
          ref={input}
          type="file"
          accept=".geojson,.json,.gpkg"
          hidden
          aria-label="Zones file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void useZones.getState().importFile(file);
          }}
        />{' '}
        {layer && (
          <>
            <button type="button" onClick={() => void useZones.getState().exportCounts('gpkg')}>
              Counts as GeoPackage
            </button>{' '}
            <button type="button" onClick={() => void useZones.getState().exportCounts('csv')}>
              Counts as CSV
            </button>{' '}
            <button type="button" onClick={() => void useZones.getState().clear()}>
              Remove zones
            </button>
          </>
        )}
      </p>
      {note && <p className="meta">{note}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {layer && layer.skipped.length > 0 && (
        <details>
          <summary>{layer.skipped.length} features skipped</summary>
          <ul aria-label="Skipped zones">
            {layer.skipped.map((s) => (
              <li key={`${s.name}|${s.reason}`}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {layer && (
        <table className="zone-table" aria-label="Objects per zone">
          <thead>
            <tr>
              <th scope="col">Zone</th>
              {labels.map((l) => (
                <th scope="col" key={l}>
                  {l}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.zone}>
                <th scope="row">
                  <span className="swatch" style={{ background: RAMP_COLOURS[rampStep(c.total, max)] }} /> {c.zone}
                </th>
                {labels.map((l) => (
                  <td key={l}>{own(c.byLabel, l) ?? 0}</td>
                ))}
                <td>{c.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
