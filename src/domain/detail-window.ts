import type { PixelWindow } from './raster-source';

/** When the screen shows a raster finer than its stored preview, which window to read at what size. */
export interface DetailRequest {
  window: PixelWindow;
  outWidth: number;
  outHeight: number;
}

/** The preview suffices until the screen shows this many times more pixels than it has. */
const SHARPER_THAN_PREVIEW = 1.25;
/** Read a margin around the view so a short pan does not show the blurry preview at the edges. */
const MARGIN = 0.25;
/** Never more than this many output pixels at once (4 MP, about a 2560 × 1440 screen). */
const MAX_OUTPUT_PIXELS = 4_000_000;

/**
 * `visible`: the part of the image on screen, in image pixels; `screenScale`: screen pixels per image pixel.
 * Returns null when the preview is sharp enough. The window is snapped outward to a grid of a quarter of its
 * size, so requests repeat; `stillCovers` tells when the last one can simply stay.
 */
export function detailRequest(
  image: { width: number; height: number },
  previewLongSide: number,
  visible: PixelWindow,
  screenScale: number,
): DetailRequest | null {
  const previewScale = Math.min(1, previewLongSide / Math.max(image.width, image.height));
  if (screenScale <= previewScale * SHARPER_THAN_PREVIEW) return null;
  const grid = Math.max(64, 2 ** Math.floor(Math.log2(Math.max(visible.w, visible.h) / 4)));
  const snap = (v: number, up: boolean) => (up ? Math.ceil(v / grid) : Math.floor(v / grid)) * grid;
  const x0 = Math.max(0, snap(visible.x - visible.w * MARGIN, false));
  const y0 = Math.max(0, snap(visible.y - visible.h * MARGIN, false));
  const x1 = Math.min(image.width, snap(visible.x + visible.w * (1 + MARGIN), true));
  const y1 = Math.min(image.height, snap(visible.y + visible.h * (1 + MARGIN), true));
  if (x1 <= x0 || y1 <= y0) return null;
  const window = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  // Never finer than the raster itself, never more than the output budget.
  const scale = Math.min(1, screenScale, Math.sqrt(MAX_OUTPUT_PIXELS / (window.w * window.h)));
  return { window, outWidth: Math.max(1, Math.round(window.w * scale)), outHeight: Math.max(1, Math.round(window.h * scale)) };
}

/** Whether an earlier request still shows the visible part at the wanted sharpness (a small pan: keep it). */
export function stillCovers(request: DetailRequest, visible: PixelWindow, screenScale: number): boolean {
  const { window } = request;
  const inside =
    visible.x >= window.x && visible.y >= window.y && visible.x + visible.w <= window.x + window.w && visible.y + visible.h <= window.y + window.h;
  const scale = request.outWidth / window.w;
  const wanted = Math.min(1, screenScale);
  return inside && scale >= wanted * 0.9 && scale <= wanted * 1.5;
}
