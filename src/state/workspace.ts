import { create } from 'zustand';

/** The side panel's tabs for the image in the viewer. */
export type SideTab = 'annotations' | 'model' | 'tags' | 'image';

/** How the workspace is laid out for this session: nothing here is saved. */
interface WorkspaceState {
  tab: SideTab;
  setTab(tab: SideTab): void;
  /** The gallery's filters, folded away unless asked for. */
  filtersOpen: boolean;
  setFiltersOpen(open: boolean): void;
  /** The run settings under the Run panel's main line (backend, threads, tiling, stretch, models). */
  runSettingsOpen: boolean;
  setRunSettingsOpen(open: boolean): void;
}

export const useWorkspace = create<WorkspaceState>((set) => ({
  tab: 'annotations',
  setTab: (tab) => set({ tab }),
  filtersOpen: false,
  setFiltersOpen: (filtersOpen) => set({ filtersOpen }),
  runSettingsOpen: false,
  setRunSettingsOpen: (runSettingsOpen) => set({ runSettingsOpen }),
}));
