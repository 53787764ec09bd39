import { create } from 'zustand';
import { on } from './project-context';

/**
 * The images picked in the gallery for a bulk action (run a model, accept, mark reviewed, export, delete).
 * Distinct from the library's `selected`, which is the one image open in the viewer.
 */
interface SelectionState {
  picked: ReadonlySet<string>;
  /** The last image clicked, where a shift-click range starts. */
  anchor: string | null;
  setPicked(shas: Iterable<string>, anchor?: string | null): void;
  toggle(sha256: string): void;
  clear(): void;
}

export const useSelection = create<SelectionState>((set) => ({
  picked: new Set(),
  anchor: null,
  setPicked: (shas, anchor = null) => set({ picked: new Set(shas), anchor }),
  toggle: (sha256) =>
    set((s) => {
      const picked = new Set(s.picked);
      if (!picked.delete(sha256)) picked.add(sha256);
      return { picked, anchor: sha256 };
    }),
  clear: () => set({ picked: new Set(), anchor: null }),
}));

on('project-opened', () => useSelection.getState().clear());
on('images-deleted', ({ sha256s }) => {
  const { picked, anchor, setPicked } = useSelection.getState();
  const gone = new Set(sha256s);
  if ([...picked].some((sha) => gone.has(sha))) setPicked([...picked].filter((sha) => !gone.has(sha)), anchor && !gone.has(anchor) ? anchor : null);
});
