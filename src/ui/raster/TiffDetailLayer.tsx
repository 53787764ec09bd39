import { useEffect, useRef, useState } from 'react';
import { type DetailRequest, detailRequest, stillCovers } from '../../domain/detail-window';
import type { ImageRecord } from '../../domain/image';
import type { PixelWindow } from '../../domain/raster-source';
import { TIFF_PREVIEW_SIZE } from '../../platform/tiff-inspect';
import { renderDetail, useRaster } from '../../state/raster';
import './raster.css';

interface Props {
  image: ImageRecord;
  /** The part of the image on screen, in image pixels. */
  visible: PixelWindow;
  /** Screen pixels per image pixel. */
  screenScale: number;
  /** Layout units per image pixel in the element this layer sits in (1 when it is laid out in image pixels). */
  unit?: number;
}

/** Waits for the view to settle before reading, so a fast pan or zoom does not queue up reads. */
const SETTLE_MS = 120;

/**
 * Over the preview of a large TIFF, the real pixels of the part on screen once zoomed in past the preview:
 * read off the main thread from the overview level that matches the zoom.
 */
export function TiffDetailLayer({ image, visible, screenScale, unit = 1 }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState<{ request: DetailRequest; of: string } | null>(null);
  const stretch = useRaster((s) => s.stretch);
  const isTiff = image.type === 'image/tiff';
  // Only the part of the view that lies on the image counts (the stage shows margins around it when zoomed out).
  const x = Math.max(0, Math.floor(visible.x));
  const y = Math.max(0, Math.floor(visible.y));
  const w = Math.min(image.width, Math.ceil(visible.x + visible.w)) - x;
  const h = Math.min(image.height, Math.ceil(visible.y + visible.h)) - y;
  const identity = `${image.sha256}|${stretch.low}|${stretch.high}`;
  const needed = isTiff && w > 0 && h > 0 && detailRequest(image, TIFF_PREVIEW_SIZE, { x, y, w, h }, screenScale) !== null;
  const shown = needed && drawn?.of === identity ? drawn.request : null;

  useEffect(() => {
    if (!needed) return undefined;
    const view = { x, y, w, h };
    if (shown && stillCovers(shown, view, screenScale)) return undefined;
    const request = detailRequest(image, TIFF_PREVIEW_SIZE, view, screenScale);
    if (!request) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      void renderDetail(image.sha256, request).then(
        (bitmap) => {
          const target = canvas.current;
          if (!bitmap) return;
          if (cancelled || !target) return bitmap.close();
          target.width = bitmap.width;
          target.height = bitmap.height;
          target.getContext('2d')?.drawImage(bitmap, 0, 0);
          bitmap.close();
          setDrawn({ request, of: identity });
        },
        () => undefined, // the preview stays; a damaged file already said so at import
      );
    }, SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [needed, image, identity, x, y, w, h, screenScale, shown]);

  if (!isTiff) return null;
  return (
    <canvas
      ref={canvas}
      className="tiff-detail"
      data-testid="tiff-detail"
      data-window={shown ? `${shown.window.x},${shown.window.y},${shown.window.w},${shown.window.h}` : ''}
      hidden={!shown}
      style={shown ? { left: shown.window.x * unit, top: shown.window.y * unit, width: shown.window.w * unit, height: shown.window.h * unit } : undefined}
    />
  );
}
