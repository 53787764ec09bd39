import { create } from 'zustand';
import type { BBox } from '../domain/geometry';
import { useEditor } from './editor';
import { useLibrary } from './library';
import { useReview } from './review';

interface Focus {
  imageSha256: string;
  box: BBox;
  annotationId?: string;
}

interface MapViewState {
  open: boolean;
  /** A box to show once its image is in the editor (set by a click on the map). */
  focus: Focus | null;
  setOpen(open: boolean): void;
  toggle(): void;
  /** Opens the image in the editor, zoomed to the box (and the box selected where it is an annotation). */
  openAt(focus: Focus): void;
}

export const useMapView = create<MapViewState>((set, get) => ({
  open: false,
  focus: null,
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
  openAt(focus) {
    set({ focus, open: false });
    useLibrary.getState().select(focus.imageSha256);
    applyFocus();
  },
}));

/** Zooms the editor once it shows the focused image at its stage size; selects the annotation once it is loaded. */
function applyFocus(): void {
  const { focus } = useMapView.getState();
  if (!focus) return;
  const image = useLibrary.getState().images.find((i) => i.sha256 === focus.imageSha256);
  const editor = useEditor.getState();
  if (!image || !editor.image || editor.image.width !== image.width || editor.image.height !== image.height || editor.stage.width === 0) return;
  if (useLibrary.getState().selected !== focus.imageSha256) return;
  editor.showBox(focus.box);
  if (focus.annotationId) {
    const review = useReview.getState();
    if (review.imageSha256 !== focus.imageSha256 || !review.annotations.some((a) => a.id === focus.annotationId)) return;
    review.select(focus.annotationId);
  }
  useMapView.setState({ focus: null });
}

useEditor.subscribe((s, before) => {
  if (s.image !== before.image || s.stage !== before.stage) applyFocus();
});
useReview.subscribe((s, before) => {
  if (s.annotations !== before.annotations) applyFocus();
});
