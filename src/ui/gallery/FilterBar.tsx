import { useMemo } from 'react';
import { isFiltering, labelCounts, type ReviewFilter, type SortKey, sourcesPresent } from '../../domain/gallery-filter';
import { isEvidenceFiltering } from '../../domain/evidence/evidence-filter';
import { useEvidenceFilter } from '../../state/evidence-filter';
import { useGallery } from '../../state/gallery';
import { useLibrary } from '../../state/library';
import { useWorkspace } from '../../state/workspace';
import { EvidenceFilterBar } from '../evidence/EvidenceFilterBar';

const sourceName = (source: string) =>
  source.startsWith('model:') ? `Model ${source.slice(6)}` : source.startsWith('human:') ? `Person ${source.slice(6)}` : `Imported ${source.slice(7)}`;

/** Review status, source, score and the two "needs work" filters: folded away unless asked for. */
function MoreFilters() {
  const { filter, summaries, setFilter } = useGallery();
  const sources = useMemo(() => sourcesPresent(summaries.values()), [summaries]);
  const score = (value: string, fallback: number) => (value === '' ? fallback : Math.min(1, Math.max(0, Number(value))));
  return (
    <div className="filter-panel" id="gallery-more-filters">
      <div className="filter-row">
        <label>
          Review{' '}
          <select value={filter.review} onChange={(e) => setFilter({ review: e.target.value as ReviewFilter })}>
            <option value="any">any</option>
            <option value="unreviewed">unreviewed</option>
            <option value="in-progress">in progress</option>
            <option value="reviewed">reviewed</option>
          </select>
        </label>
        <label>
          Source{' '}
          <select value={filter.source} onChange={(e) => setFilter({ source: e.target.value })}>
            <option value="">any</option>
            <option value="model:">any model</option>
            <option value="human:">any person</option>
            <option value="import:">any import</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {sourceName(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filter-row">
        <label>
          Score from{' '}
          <input type="number" min={0} max={1} step={0.05} value={filter.scoreMin} onChange={(e) => setFilter({ scoreMin: score(e.target.value, 0) })} />
        </label>
        <label>
          to <input type="number" min={0} max={1} step={0.05} value={filter.scoreMax} onChange={(e) => setFilter({ scoreMax: score(e.target.value, 1) })} />
        </label>
      </div>
      <div className="filter-row">
        <label>
          <input type="checkbox" checked={filter.noAnnotations} onChange={(e) => setFilter({ noAnnotations: e.target.checked })} /> No annotations
        </label>
        <label>
          <input type="checkbox" checked={filter.pendingOnly} onChange={(e) => setFilter({ pendingOnly: e.target.checked })} /> Suggestions pending
        </label>
      </div>
      <EvidenceFilterBar />
    </div>
  );
}

/** The gallery's count, sort and filters; the label chips filter by class with one click. */
export function FilterBar({ shown, total }: { shown: number; total: number }) {
  const { filter, sort, summaries, setFilter, resetFilter, setSort } = useGallery();
  const images = useLibrary((s) => s.images);
  const counts = useMemo(() => labelCounts(images, summaries), [images, summaries]);
  const evidence = useEvidenceFilter((s) => isEvidenceFiltering(s.filter));
  const filtering = evidence || isFiltering(filter);
  const folded = evidence || filter.review !== 'any' || filter.source !== '' || filter.scoreMin > 0 || filter.scoreMax < 1 || filter.noAnnotations || filter.pendingOnly;
  const open = useWorkspace((s) => s.filtersOpen);
  const clear = () => {
    resetFilter();
    useEvidenceFilter.getState().reset();
  };

  return (
    <section className="gallery-filters" aria-label="Filters">
      <div className="gallery-toolbar">
        <p className="filter-count" data-testid="gallery-count">
          {filtering ? `Showing ${shown} of ${total} images` : `${total} ${total === 1 ? 'image' : 'images'}`}
          {filtering && (
            <button type="button" className="link" onClick={clear}>
              Clear filters
            </button>
          )}
        </p>
        <button
          type="button"
          className={`filters-toggle${folded ? ' active' : ''}`}
          aria-expanded={open}
          aria-controls="gallery-more-filters"
          onClick={() => useWorkspace.getState().setFiltersOpen(!open)}
          title="Review status, source, score, camera, capture date, GPS, hash sets, near-duplicates"
        >
          Filters
          {folded && (
            <>
              <span className="dot" aria-hidden="true" />
              <span className="sr-only"> (some set)</span>
            </>
          )}
        </button>
      </div>
      <div className="filter-row">
        <label>
          Sort{' '}
          <select value={sort.key} onChange={(e) => setSort({ ...sort, key: e.target.value as SortKey })}>
            <option value="date">date imported</option>
            <option value="name">name</option>
            <option value="score">score</option>
            <option value="captured">capture time</option>
            <option value="camera">camera</option>
            <option value="certainty" title="The selected model's margin between its two best labels: least certain first (descending: most certain first)">
              least certain first
            </option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={sort.descending} onChange={(e) => setSort({ ...sort, descending: e.target.checked })} /> descending
        </label>
      </div>
      {open && <MoreFilters />}
      {counts.length > 0 && (
        <ul className="label-counts" aria-label="Labels">
          {counts.map((c) => {
            const on = filter.labels.includes(c.label);
            return (
              <li key={c.label}>
                <button
                  type="button"
                  aria-pressed={on}
                  title={`${c.images} images, ${c.annotations} annotations`}
                  onClick={() => setFilter({ labels: on ? filter.labels.filter((l) => l !== c.label) : [...filter.labels, c.label] })}
                >
                  {c.label} <span className="count">{c.images}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {filter.imageSet && (
        <p className="filter-set" data-testid="gallery-image-set">
          Only: {filter.imageSet.name} ({filter.imageSet.sha256s.size} {filter.imageSet.sha256s.size === 1 ? 'image' : 'images'}){' '}
          <button type="button" className="link" onClick={() => setFilter({ imageSet: null })} aria-label={`Show all images, not only ${filter.imageSet.name}`}>
            ✕
          </button>
        </p>
      )}
    </section>
  );
}
