import type { BBox } from '../domain/geometry';

/**
 * The viewer's zoom and pan: screen = image × scale + offset, in CSS pixels relative to the stage's top-left corner.
 * Pure functions, so the wheel, the keys and the tests share one piece of arithmetic.
 */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export interface Extent {
  width: number;
  height: number;
}

/** Up to 32 screen pixels per image pixel; down to a quarter of the fitted size. */
export const MAX_SCALE = 32;
const MIN_FRACTION_OF_FIT = 0.25;

/** The whole image centred in the stage. */
export function fitView(stage: Extent, image: Extent): View {
  const scale = Math.min(stage.width / image.width, stage.height / image.height);
  return { scale, x: (stage.width - image.width * scale) / 2, y: (stage.height - image.height * scale) / 2 };
}

/** Zooms by `factor` keeping the image point under the screen point (sx, sy) where it is. */
export function zoomAt(view: View, factor: number, sx: number, sy: number, stage: Extent, image: Extent): View {
  const min = fitView(stage, image).scale * MIN_FRACTION_OF_FIT;
  const scale = Math.min(MAX_SCALE, Math.max(min, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: sx - (sx - view.x) * k, y: sy - (sy - view.y) * k };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The image point under a screen point. */
export function toImage(view: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale };
}

/** The part of the image the stage shows, in image pixels (may reach past the image's edges). */
export function visibleRect(view: View, stage: Extent): { x: number; y: number; w: number; h: number } {
  const { x, y } = toImage(view, 0, 0);
  return { x, y, w: stage.width / view.scale, h: stage.height / view.scale };
}

/**
 * The visible rect grown by half a stage on each side and snapped to a grid of half-stages, so it changes only now
 * and then while panning: what decides which labels are drawn, without redrawing every box on every frame.
 */
export function labelRect(view: View, stage: Extent): { x: number; y: number; w: number; h: number } {
  const r = visibleRect(view, stage);
  const stepX = r.w / 2;
  const stepY = r.h / 2;
  const x1 = Math.floor((r.x - stepX) / stepX) * stepX;
  const y1 = Math.floor((r.y - stepY) / stepY) * stepY;
  const x2 = Math.ceil((r.x + r.w + stepX) / stepX) * stepX;
  const y2 = Math.ceil((r.y + r.h + stepY) / stepY) * stepY;
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
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
