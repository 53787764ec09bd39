import { type PointerEvent as ReactPointerEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { boxAt, drawnBox, type Handle, handleAt, hasArea, movedBox, type Point, resizedBox, roundBox, type Size } from '../../domain/box-edit';
import type { BBox } from '../../domain/geometry';
import { useEditor } from '../../state/editor';
import { moveSelected, resizeSelected } from '../../state/editor-edits';
import { toImage } from '../../state/editor-view';
import { useReview } from '../../state/review';
import { dismissInfoMessages } from '../shell/ToastArea';
import type { OverlayBox } from '../viewer/BoxOverlay';

type Drag =
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'move' | 'resize'; handle?: Handle; start: Point; box: BBox; moved: boolean }
  | { kind: 'draw'; start: Point };

/** Screen pixels within which a handle is grabbed, and past which a press on a box becomes a drag. */
const GRAB_PX = 7;
const DRAG_PX = 3;

const CURSORS: Record<Handle, string> = { n: 'ns-resize', s: 'ns-resize', e: 'ew-resize', w: 'ew-resize', ne: 'nesw-resize', sw: 'nesw-resize', nw: 'nwse-resize', se: 'nwse-resize' };

const typing = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;

/** Space held with the pointer over the stage turns a left-button drag into a pan. */
function useSpaceHeld(over: RefObject<boolean>): RefObject<boolean> {
  const held = useRef(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || typing(e.target)) return;
      if (e.type === 'keyup') {
        if (held.current) e.preventDefault();
        held.current = false;
      } else if (over.current) {
        held.current = true;
        e.preventDefault(); // no page scroll, no click on a focused button
      }
    };
    const release = () => (held.current = false);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      window.removeEventListener('blur', release);
    };
  }, [over]);
  return held;
}

/** Zoom with the wheel about the pointer (a non-passive listener, so the page does not scroll). */
function useWheelZoom(stage: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = stage.current;
    if (!element) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = element.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      useEditor.getState().zoom(Math.exp(-delta * 0.0015), { x: e.clientX - rect.left, y: e.clientY - rect.top });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [stage]);
}

/**
 * Mouse editing on the stage: click selects, a drag moves the box or (on a handle) resizes it, in draw mode a drag
 * makes a new box (once the picker has its label); Space+drag, the middle button or the pan tool pans. The dragged
 * shape is previewed and committed on release.
 */
export function usePointerEditing(stage: RefObject<HTMLElement | null>, image: Size | null, boxes: readonly OverlayBox[], selected: OverlayBox | null) {
  const drag = useRef<Drag | null>(null);
  /** The selected box's shape while it is moved or resized. */
  const [draft, setDraft] = useState<BBox | null>(null);
  /** The rectangle of a box being drawn (never the selected box's shape). */
  const [drawing, setDrawing] = useState<BBox | null>(null);
  const [pixel, setPixel] = useState<Point | null>(null);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  /** While a pan drag lasts the frame is its own compositor layer: moving it then repaints nothing. */
  const [panning, setPanning] = useState(false);
  const over = useRef(false);
  const space = useSpaceHeld(over);
  useWheelZoom(stage);

  const imagePoint = (e: ReactPointerEvent): Point | null => {
    const view = useEditor.getState().view;
    const rect = stage.current?.getBoundingClientRect();
    return view && rect ? toImage(view, e.clientX - rect.left, e.clientY - rect.top) : null;
  };
  const scale = () => useEditor.getState().view?.scale ?? 1;
  /** A drag's offset in whole image pixels. */
  const delta = (from: Point, to: Point) => ({ dx: Math.round(to.x - from.x), dy: Math.round(to.y - from.y) });

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>) => {
    stage.current?.focus({ preventScroll: true }); // keys go to the canvas from now on, not to a field used before
    dismissInfoMessages();
    const p = imagePoint(e);
    if (!p || !image) return;
    const tool = useEditor.getState().tool;
    if (e.button === 1 || (e.button === 0 && (space.current || tool === 'pan'))) {
      drag.current = { kind: 'pan', lastX: e.clientX, lastY: e.clientY };
      setPanning(true);
    } else if (e.button !== 0) {
      return;
    } else if (tool === 'draw') {
      drag.current = { kind: 'draw', start: p };
    } else {
      const handle = selected?.id ? handleAt(selected.box, p, GRAB_PX / scale()) : undefined;
      const hit = handle ? selected : boxAt(boxes, p);
      useReview.getState().select(hit?.id ?? null);
      if (hit?.id) drag.current = { kind: handle ? 'resize' : 'move', handle, start: p, box: hit.box, moved: false };
    }
    if (drag.current) {
      e.currentTarget.setPointerCapture(e.pointerId);
      e.preventDefault();
    }
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (d?.kind === 'pan') {
      useEditor.getState().pan(e.clientX - d.lastX, e.clientY - d.lastY);
      d.lastX = e.clientX;
      d.lastY = e.clientY;
    }
    const p = imagePoint(e); // after the pan, so the coordinates shown are those under the pointer now
    setPixel(p && image && p.x >= 0 && p.y >= 0 && p.x < image.width && p.y < image.height ? p : null);
    if (!p || !image || d?.kind === 'pan') return;
    if (!d) {
      const handle = selected?.id ? handleAt(selected.box, p, GRAB_PX / scale()) : undefined;
      const tool = useEditor.getState().tool;
      setCursor(space.current || tool === 'pan' ? 'grab' : tool === 'draw' ? 'crosshair' : handle ? CURSORS[handle] : boxAt(boxes, p) ? 'move' : undefined);
      return;
    }
    if (d.kind === 'draw') {
      setDrawing(drawnBox(d.start, p, image));
    } else {
      const { dx, dy } = delta(d.start, p);
      d.moved ||= Math.hypot(p.x - d.start.x, p.y - d.start.y) * scale() >= DRAG_PX;
      if (d.moved) setDraft(d.kind === 'move' ? movedBox(d.box, dx, dy, image) : resizedBox(d.box, d.handle!, dx, dy, image));
    }
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLElement>) => {
    const d = drag.current;
    drag.current = null;
    setDraft(null);
    setDrawing(null);
    setPanning(false);
    const p = imagePoint(e);
    if (!d || !p || !image) return;
    if (d.kind === 'draw') {
      useEditor.getState().setTool('select');
      const box = roundBox(drawnBox(d.start, p, image));
      // The box is made once it has a label: the picker asks for one, the labels given last first.
      if (hasArea(box)) useEditor.getState().setPendingBox(box);
      else useReview.getState().refuse('a box needs an area: drag from one corner to the opposite one');
    } else if (d.kind !== 'pan' && d.moved) {
      const { dx, dy } = delta(d.start, p);
      void (d.kind === 'move' ? moveSelected(dx, dy) : resizeSelected(d.handle!, dx, dy));
    }
  };

  const onDoubleClick = () => {
    if (useReview.getState().selectedId) useEditor.getState().setPickerOpen(true);
  };

  return {
    draft,
    drawing,
    pixel,
    cursor,
    panning,
    handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onPointerEnter: () => (over.current = true), onPointerLeave: () => {
      over.current = false;
      setPixel(null);
    }, onDoubleClick },
  };
}
