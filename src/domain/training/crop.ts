import type { BBox } from '../geometry';
import type { PixelWindow } from '../raster-source';

/** Context kept around a box on each side, as a share of its longer side: the labeller sees a little of the surroundings. */
export const CONTEXT_MARGIN = 0.1;

/**
 * The square part of the image a box's crop is read from: the box's longer side plus the margin on both sides,
 * centred on the box and moved inside the image where it pokes out. Where the image is too small for the square
 * the window is the largest that fits along that side. Whole pixels, never empty, always inside the image.
 */
export function contextWindow(box: BBox, imageWidth: number, imageHeight: number, margin = CONTEXT_MARGIN): PixelWindow {
  const side = Math.max(1, Math.round(Math.max(box.w, box.h) * (1 + 2 * margin)));
  const w = Math.min(side, imageWidth);
  const h = Math.min(side, imageHeight);
  const place = (centre: number, size: number, limit: number) => Math.min(limit - size, Math.max(0, Math.round(centre - size / 2)));
  return { x: place(box.x + box.w / 2, w, imageWidth), y: place(box.y + box.h / 2, h, imageHeight), w, h };
}

/** The crop as the embedding cache and the split key it: "x,y,w,h", or "whole" for the whole image. */
export const cropKey = (window: PixelWindow | null): string => (window ? `${window.x},${window.y},${window.w},${window.h}` : 'whole');
