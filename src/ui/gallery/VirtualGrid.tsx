import { useVirtualizer } from '@tanstack/react-virtual';
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import type { ImageSummary } from '../../domain/gallery-filter';
import type { ImageRecord } from '../../domain/image';
import { Thumbnail } from './Thumbnail';

const CELL_WIDTH = 118;
const CELL_HEIGHT = 150;
const GAP = 8;

interface Props {
  images: readonly ImageRecord[];
  summaries: ReadonlyMap<string, ImageSummary>;
  selected: string | null;
  picked: ReadonlySet<string>;
  onClick(image: ImageRecord, event: MouseEvent): void;
  onPick(image: ImageRecord, event: MouseEvent): void;
}

/** Only the rows in view (and a few around them) are in the page, so 10,000 images scroll like 10. */
export function VirtualGrid({ images, summaries, selected, picked, onClick, onPick }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(CELL_WIDTH);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor((width - GAP) / (CELL_WIDTH + GAP)));
  const cellWidth = Math.floor((width - GAP) / columns) - GAP;
  const rows = Math.ceil(images.length / columns);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself; nothing here is memoised
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => CELL_HEIGHT + GAP,
    overscan: 4,
  });
  const selectedIndex = selected ? images.findIndex((i) => i.sha256 === selected) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(Math.floor(selectedIndex / columns), { align: 'auto' });
  }, [selectedIndex, columns, virtualizer]);

  return (
    <div className="gallery-scroll" ref={scroller} data-testid="gallery-scroll">
      <ul className="gallery-grid" aria-label="Images" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().flatMap((row) =>
          images.slice(row.index * columns, row.index * columns + columns).map((image, column) => (
            <li
              key={image.sha256}
              style={{ transform: `translate(${GAP + column * (cellWidth + GAP)}px, ${row.start + GAP}px)`, width: cellWidth, height: CELL_HEIGHT }}
            >
              <Thumbnail
                image={image}
                summary={summaries.get(image.sha256)}
                selected={image.sha256 === selected}
                picked={picked.has(image.sha256)}
                onClick={onClick}
                onPick={onPick}
              />
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
