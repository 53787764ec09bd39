import { type MouseEvent, useEffect, useMemo } from 'react';
import { applyEvidenceFilter } from '../../domain/evidence/evidence-filter';
import { filterAndSort, rangeBetween } from '../../domain/gallery-filter';
import type { ImageRecord } from '../../domain/image';
import { useEvidenceFilter } from '../../state/evidence-filter';
import { imageMargins } from '../../domain/training/margin';
import { useDetection } from '../../state/detection';
import { useGallery } from '../../state/gallery';
import { useHashLists } from '../../state/hash-lists';
import { useLibrary } from '../../state/library';
import { useSelection } from '../../state/selection';
import { choose } from '../shell/FilePickers';
import { focusCanvas } from '../viewer/canvas-focus';
import { BulkBar } from './BulkBar';
import { FilterBar } from './FilterBar';
import { VirtualGrid } from './VirtualGrid';
import './gallery.css';

export function Gallery() {
  const images = useLibrary((s) => s.images);
  const selected = useLibrary((s) => s.selected);
  const loaded = useLibrary((s) => s.loaded);
  const summaries = useGallery((s) => s.summaries);
  const filter = useGallery((s) => s.filter);
  const sort = useGallery((s) => s.sort);
  const error = useGallery((s) => s.error);
  const { picked, anchor, setPicked, toggle } = useSelection();
  useEffect(() => {
    void useGallery.getState().load();
  }, []);
  const evidenceFilter = useEvidenceFilter((s) => s.filter);
  const matches = useHashLists((s) => s.matches);
  const results = useDetection((s) => (sort.key === 'certainty' ? s.results : null));
  const margins = useMemo(() => (results ? imageMargins(results) : undefined), [results]);
  const shown = useMemo(
    () => applyEvidenceFilter(filterAndSort(images, summaries, filter, sort, margins), evidenceFilter, matches),
    [images, summaries, filter, sort, margins, evidenceFilter, matches],
  );

  if (loaded && images.length === 0) {
    return (
      <section className="gallery-panel" aria-label="Gallery">
        <div className="gallery-empty">
          <p className="filter-count" data-testid="gallery-count">
            0 images
          </p>
          <p>No images yet. Import images or a folder, or drop them anywhere on this window. Nothing leaves this machine.</p>
          <button type="button" className="primary" onClick={() => choose('images')}>
            Import images…
          </button>
          <button type="button" onClick={() => choose('folder')}>
            Import folder…
          </button>
        </div>
      </section>
    );
  }

  const pickRange = (target: string, add: boolean) => {
    const range = rangeBetween(
      shown.map((i) => i.sha256),
      anchor,
      target,
    );
    setPicked(add ? [...picked, ...range] : range, anchor ?? target);
  };

  // Ctrl/Cmd-click toggles one image, Shift-click picks the range from the last clicked one; a plain click opens it.
  const onClick = (image: ImageRecord, event: MouseEvent) => {
    if (event.shiftKey) pickRange(image.sha256, event.ctrlKey || event.metaKey);
    else if (event.ctrlKey || event.metaKey) toggle(image.sha256);
    else {
      setPicked([], image.sha256);
      useLibrary.getState().select(image.sha256);
      if (event.detail > 0) focusCanvas(); // opened with the mouse: the keys go to the image now
    }
  };
  const onPick = (image: ImageRecord, event: MouseEvent) => {
    if (event.shiftKey) pickRange(image.sha256, true);
    else toggle(image.sha256);
  };
  const allShownPicked = shown.length > 0 && shown.every((i) => picked.has(i.sha256));

  return (
    <section className="gallery-panel" aria-label="Gallery">
      <FilterBar shown={shown.length} total={images.length} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <BulkBar>
        <button type="button" disabled={shown.length === 0} onClick={() => setPicked(allShownPicked ? [] : shown.map((i) => i.sha256), anchor)}>
          {allShownPicked ? 'Unpick all' : `Pick all ${shown.length} shown`}
        </button>
      </BulkBar>
      <VirtualGrid images={shown} summaries={summaries} selected={selected} picked={picked} onClick={onClick} onPick={onPick} />
    </section>
  );
}
