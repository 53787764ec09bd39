import { create } from 'zustand';
import { applyEvidenceFilter, type EvidenceFilter, NO_EVIDENCE_FILTER } from '../domain/evidence/evidence-filter';
import type { ImageRecord } from '../domain/image';
import { useHashLists } from './hash-lists';
import { useLibrary } from './library';

interface EvidenceFilterState {
  filter: EvidenceFilter;
  setFilter(patch: Partial<EvidenceFilter>): void;
  reset(): void;
}

export const useEvidenceFilter = create<EvidenceFilterState>((set) => ({
  filter: NO_EVIDENCE_FILTER,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  reset: () => set({ filter: NO_EVIDENCE_FILTER }),
}));

/** The gallery's filtered, sorted images narrowed by the evidence filter (what is shown, and what navigation follows). */
export function evidenceView(shown: readonly ImageRecord[]): ImageRecord[] {
  return applyEvidenceFilter(shown, useEvidenceFilter.getState().filter, useHashLists.getState().matches);
}

// Another project: cameras and lists of this one mean nothing there.
useLibrary.subscribe((state, previous) => {
  if (!state.loaded && previous.loaded) useEvidenceFilter.getState().reset();
});
