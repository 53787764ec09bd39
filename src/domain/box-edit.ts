import { type BBox, clipBox, fromCorners } from './geometry';

/** Pure geometry of editing a box by mouse or keyboard, in image pixels. The edit ops and the live preview share it. */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Which corner or edge of a box is dragged. */
export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** The box moved by (dx, dy), clipped to the image. */
export function movedBox(box: BBox, dx: number, dy: number, image: Size): BBox {
  return clipBox({ x: box.x + dx, y: box.y + dy, w: box.w, h: box.h }, image.width, image.height);
}

/** The box with one corner or edge dragged by (dx, dy), clipped; dragged past the opposite side, it flips. */
export function resizedBox(box: BBox, handle: Handle, dx: number, dy: number, image: Size): BBox {
  let [x1, y1, x2, y2] = [box.x, box.y, box.x + box.w, box.y + box.h];
  if (handle.includes('w')) x1 += dx;
  if (handle.includes('e')) x2 += dx;
  if (handle.includes('n')) y1 += dy;
  if (handle.includes('s')) y2 += dy;
  return clipBox(fromCorners(x1, y1, x2, y2), image.width, image.height);
}

/** The box spanned by a drag from `start` to `end`, clipped to the image. */
export function drawnBox(start: Point, end: Point, image: Size): BBox {
  return clipBox(fromCorners(start.x, start.y, end.x, end.y), image.width, image.height);
}

export const hasArea = (box: BBox): boolean => box.w > 0 && box.h > 0;

/** Where a handle sits on a box. */
export function handlePoint(box: BBox, handle: Handle): Point {
  const x = handle.includes('w') ? box.x : handle.includes('e') ? box.x + box.w : box.x + box.w / 2;
  const y = handle.includes('n') ? box.y : handle.includes('s') ? box.y + box.h : box.y + box.h / 2;
  return { x, y };
}

/** The handle of `box` within `tolerance` (image pixels) of the point, corners before edges; undefined if none. */
export function handleAt(box: BBox, point: Point, tolerance: number): Handle | undefined {
  const near = (h: Handle) => {
    const p = handlePoint(box, h);
    return Math.abs(p.x - point.x) <= tolerance && Math.abs(p.y - point.y) <= tolerance;
  };
  const corner = (['nw', 'ne', 'se', 'sw'] as const).find(near);
  if (corner) return corner;
  // An edge can be grabbed anywhere along its length, not only at its midpoint.
  const inX = point.x >= box.x - tolerance && point.x <= box.x + box.w + tolerance;
  const inY = point.y >= box.y - tolerance && point.y <= box.y + box.h + tolerance;
  if (inX && Math.abs(point.y - box.y) <= tolerance) return 'n';
  if (inX && Math.abs(point.y - (box.y + box.h)) <= tolerance) return 's';
  if (inY && Math.abs(point.x - box.x) <= tolerance) return 'w';
  if (inY && Math.abs(point.x - (box.x + box.w)) <= tolerance) return 'e';
  return undefined;
}

/** The item whose box contains the point; among nested ones the smallest, so an inner box can be picked. */
export function boxAt<T extends { box: BBox }>(items: readonly T[], point: Point): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    const { x, y, w, h } = item.box;
    if (point.x < x || point.x > x + w || point.y < y || point.y > y + h) continue;
    if (!best || w * h < best.box.w * best.box.h) best = item;
  }
  return best;
}

/** Rounds a box to whole image pixels (what mouse edits produce). */
export function roundBox(box: BBox): BBox {
  const x1 = Math.round(box.x);
  const y1 = Math.round(box.y);
  return { x: x1, y: y1, w: Math.round(box.x + box.w) - x1, h: Math.round(box.y + box.h) - y1 };
}
