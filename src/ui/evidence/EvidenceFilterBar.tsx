import { useMemo } from 'react';
import { camerasPresent } from '../../domain/evidence/evidence-filter';
import { useEvidenceFilter } from '../../state/evidence-filter';
import { useHashLists } from '../../state/hash-lists';
import { useLibrary } from '../../state/library';
import './evidence.css';

/** Capture time, camera, GPS, hash-set and near-duplicate filters under the gallery's own. */
export function EvidenceFilterBar() {
  const { filter, setFilter } = useEvidenceFilter();
  const images = useLibrary((s) => s.images);
  const lists = useHashLists((s) => s.lists);
  const cameras = useMemo(() => camerasPresent(images), [images]);

  return (
    <section className="gallery-filters" aria-label="Evidence filters">
      <div className="filter-row">
        <label>
          <input type="checkbox" checked={filter.hasGps} onChange={(e) => setFilter({ hasGps: e.target.checked })} /> Has GPS
        </label>
        <label>
          Camera{' '}
          <select value={filter.camera} onChange={(e) => setFilter({ camera: e.target.value })}>
            <option value="">any</option>
            {cameras.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filter-row">
        <label>
          Captured from <input type="date" value={filter.capturedFrom} onChange={(e) => setFilter({ capturedFrom: e.target.value })} />
        </label>
        <label>
          to <input type="date" value={filter.capturedTo} onChange={(e) => setFilter({ capturedTo: e.target.value })} />
        </label>
      </div>
      <div className="filter-row">
        <label>
          Hash sets{' '}
          <select value={filter.hashList} onChange={(e) => setFilter({ hashList: e.target.value })}>
            <option value="">any image</option>
            <option value="*">in any list</option>
            {lists.map((l) => (
              <option key={l.id} value={l.name}>
                in {l.name}
              </option>
            ))}
          </select>
        </label>
        <label title="Near-duplicates: perceptual hashes at most this many bits apart">
          <input type="checkbox" checked={filter.onePerGroup} onChange={(e) => setFilter({ onePerGroup: e.target.checked })} /> One per similar group
        </label>
        <label>
          distance ≤{' '}
          <input
            type="number"
            aria-label="Similarity distance"
            min={0}
            max={32}
            step={1}
            value={filter.maxDistance}
            onChange={(e) => setFilter({ maxDistance: Math.min(32, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
          />
        </label>
      </div>
    </section>
  );
}
