import { create } from 'zustand';
import { DEFAULT_SORT, type GalleryFilter, type GallerySort, type ImageSummary, NO_FILTER, summarize } from '../domain/gallery-filter';
import { listSummaries } from '../storage';
import { useReview } from './review';
import { database, errorMessage } from './services';

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

export const useGallery = create<GalleryState>((set) => ({
  summaries: new Map(),
  filter: NO_FILTER,
  sort: DEFAULT_SORT,
  error: null,

  async load() {
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
    set((s) => {
      const next = new Map(s.summaries);
      if (summary) next.set(imageSha256, summary);
      else next.delete(imageSha256);
      return { summaries: next };
    });
  },
}));

// The editor shows each change at once and applyChange writes the same summary to storage: follow it here.
useReview.subscribe((state, previous) => {
  if (state.imageSha256 && state.annotations !== previous.annotations) {
    useGallery.getState().updateSummary(state.imageSha256, summarize(state.imageSha256, state.annotations));
  }
});
