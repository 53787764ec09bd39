import { create } from 'zustand';
import { DEFAULT_SORT, filterAndSort, type GalleryFilter, type GallerySort, type ImageSummary, NO_FILTER } from '../domain/gallery-filter';
import type { ImageRecord } from '../domain/image';
import { listSummaries } from '../storage';
import { evidenceView } from './evidence-filter';
import { imageMargins } from '../domain/training/margin';
import { useDetection } from './detection';
import { useLibrary } from './library';
import { database, errorMessage, on } from './project-context';

/** The gallery's view of the project: per-image annotation summaries (read once, then kept in step), filter and sort. */
interface GalleryState {
  summaries: ReadonlyMap<string, ImageSummary>;
  filter: GalleryFilter;
  sort: GallerySort;
  error: string | null;
  load(): Promise<void>;
  setFilter(patch: Partial<GalleryFilter>): void;
  resetFilter(): void;
  setSort(sort: GallerySort): void;
  /** An image's annotations changed (or it was deleted: null). */
  updateSummary(imageSha256: string, summary: ImageSummary | null): void;
}

/** Summary updates wait a moment and land together: a bulk change of 10,000 images copies the map once, not 10,000 times. */
const queued = new Map<string, ImageSummary | null>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export const useGallery = create<GalleryState>((set) => ({
  summaries: new Map(),
  filter: NO_FILTER,
  sort: DEFAULT_SORT,
  error: null,

  async load() {
    queued.clear(); // updates for the project being left
    try {
      set({ summaries: await listSummaries(await database()), error: null });
    } catch (error) {
      set({ error: `Could not read the annotation summaries: ${errorMessage(error)}` });
    }
  },

  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  resetFilter: () => set({ filter: NO_FILTER }),
  setSort: (sort) => set({ sort }),

  updateSummary(imageSha256, summary) {
    queued.set(imageSha256, summary);
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      set((s) => {
        const next = new Map(s.summaries);
        for (const [sha, value] of queued) {
          if (value) next.set(sha, value);
          else next.delete(sha);
        }
        queued.clear();
        return { summaries: next };
      });
    }, 50);
  },
}));

// Every saved annotation change (editor, bulk review, dataset import, deletion; here or in another tab) brings its image's new summary.
on('change-committed', ({ written }) => useGallery.getState().updateSummary(written.summary.imageSha256, written.summary));
on('images-deleted', ({ sha256s }) => sha256s.forEach((sha256) => useGallery.getState().updateSummary(sha256, null)));
// Labels and sources of one project mean nothing in another.
on('project-opened', () => {
  useGallery.getState().resetFilter();
  return useGallery.getState().load();
});

/** The project's images as the gallery shows them (filtered and sorted): the order next, previous and "previous image" follow. */
export function viewOrder(): ImageRecord[] {
  const { summaries, filter, sort } = useGallery.getState();
  const margins = sort.key === 'certainty' ? imageMargins(useDetection.getState().results) : undefined;
  return evidenceView(filterAndSort(useLibrary.getState().images, summaries, filter, sort, margins));
}
