import { create } from 'zustand';
import type { BBox } from '../domain/geometry';
import type { LabelSet } from '../domain/labels';
import { fitView, panBy, type Extent, type View, viewOnBox, zoomAt } from './editor-view';

export type Tool = 'select' | 'draw' | 'pan';

/** Labels given most recently, newest first: the picker offers them first. */
const RECENT_LABELS = 5;

/** The viewer's zoom and pan, the drawing tool, what is hidden, and which overlays are open. Nothing here is saved. */
interface EditorState {
  stage: Extent;
  image: Extent | null;
  /** null until the stage and the image are both known; then fitted. */
  view: View | null;
  /** Whether the view is the fitted one (not zoomed or panned since): it then follows the stage's size. */
  fitted: boolean;
  tool: Tool;
  /** Labels whose boxes are not drawn. */
  hidden: ReadonlySet<string>;
  pickerOpen: boolean;
  helpOpen: boolean;
  /** A box just drawn, waiting for its label: the picker is open for it; nothing is saved until one is picked. */
  pendingBox: BBox | null;
  /** Labels given by a key or the picker, newest first. */
  recentLabels: readonly string[];
  /** The project's label set as last read or written (empty until first needed). */
  labels: LabelSet;
  setLabels(labels: LabelSet): void;
  setStage(stage: Extent): void;
  setImage(image: Extent | null): void;
  fit(): void;
  /** Zooms to a box with as much again around it (a box clicked on the map). */
  showBox(box: BBox): void;
  /** Zooms about a point of the stage (the stage's centre when none is given). */
  zoom(factor: number, at?: { x: number; y: number }): void;
  pan(dx: number, dy: number): void;
  setTool(tool: Tool): void;
  toggleHidden(label: string): void;
  showAll(): void;
  setPickerOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  /** Opens the picker for a drawn box (or, with null, forgets the box waiting for its label). */
  setPendingBox(box: BBox | null): void;
  rememberLabel(label: string): void;
}

export const useEditor = create<EditorState>((set, get) => {
  const refit = (stage: Extent, image: Extent | null): View | null =>
    image && stage.width > 0 && stage.height > 0 ? fitView(stage, image) : null;

  return {
    stage: { width: 0, height: 0 },
    image: null,
    view: null,
    fitted: true,
    tool: 'select',
    hidden: new Set(),
    pickerOpen: false,
    helpOpen: false,
    pendingBox: null,
    recentLabels: [],
    labels: [],
    setLabels: (labels) => set({ labels }),

    setStage(stage) {
      const { view, image, fitted } = get();
      // A resized stage keeps a zoom the user chose; a fitted view is fitted again.
      set({ stage, view: fitted || !view ? refit(stage, image) : view });
    },
    setImage(image) {
      set({ image, view: refit(get().stage, image), fitted: true });
    },
    fit() {
      set({ view: refit(get().stage, get().image), fitted: true });
    },
    showBox(box) {
      const { stage, image } = get();
      if (image) set({ view: viewOnBox(stage, image, box), fitted: false });
    },
    zoom(factor, at) {
      const { view, stage, image } = get();
      if (!view || !image) return;
      const point = at ?? { x: stage.width / 2, y: stage.height / 2 };
      set({ view: zoomAt(view, factor, point.x, point.y, stage, image), fitted: false });
    },
    pan(dx, dy) {
      const { view } = get();
      if (view) set({ view: panBy(view, dx, dy), fitted: false });
    },
    setTool: (tool) => set({ tool }),
    toggleHidden(label) {
      const hidden = new Set(get().hidden);
      if (!hidden.delete(label)) hidden.add(label);
      set({ hidden });
    },
    showAll: () => set({ hidden: new Set() }),
    setPickerOpen: (pickerOpen) => set(pickerOpen ? { pickerOpen } : { pickerOpen, pendingBox: null }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
    setPendingBox: (pendingBox) => set({ pendingBox, pickerOpen: pendingBox !== null }),
    rememberLabel: (label) => set((s) => ({ recentLabels: [label, ...s.recentLabels.filter((l) => l !== label)].slice(0, RECENT_LABELS) })),
  };
});
