import { create } from 'zustand';
import type { BBox } from '../domain/geometry';
import { type Extent, MAX_SCALE, type View } from './editor-view';
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

/** The box with as much again around it, centred in the stage. */
export function viewOnBox(stage: Extent, image: Extent, box: BBox): View {
  const clipped = { x: Math.max(0, box.x), y: Math.max(0, box.y), w: Math.min(box.x + box.w, image.width) - Math.max(0, box.x), h: Math.min(box.y + box.h, image.height) - Math.max(0, box.y) };
  const w = Math.max(1, clipped.w) * 2;
  const h = Math.max(1, clipped.h) * 2;
  const scale = Math.min(MAX_SCALE, stage.width / w, stage.height / h);
  const cx = clipped.x + clipped.w / 2;
  const cy = clipped.y + clipped.h / 2;
  return { scale, x: stage.width / 2 - cx * scale, y: stage.height / 2 - cy * scale };
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
  useEditor.setState({ view: viewOnBox(editor.stage, editor.image, focus.box), fitted: false });
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
