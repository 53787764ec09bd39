import type { PixelWindow } from './raster-source';

/**
 * Most source pixels read for one preview or thumbnail of a raster. A raster without overviews larger than this
 * (100,000² is 10,000 MP) is previewed from a sample of its blocks, so an import takes seconds, not hours.
 */
export const PREVIEW_PIXEL_LIMIT = 32_000_000;

/** One block read for a sampled preview, and the part of the output it fills. */
export interface SampledCell {
  source: PixelWindow;
  out: PixelWindow;
}

export interface SampledPreview {
  cells: SampledCell[];
  /** Blocks read, and blocks the raster has: how much of it the preview shows. */
  blocksRead: number;
  blocksTotal: number;
}

/**
 * Which blocks (tiles, or strips) of a width × height raster to read for an outWidth × outHeight preview within
 * `limit` pixels: a gx × gy grid over the output, each cell filled from the middle of the block at its centre, so
 * every part of the raster is represented and no more than `limit` pixels are decoded. Null when every block fits.
 */
export function planSampledPreview(
  width: number,
  height: number,
  block: { width: number; height: number },
  outWidth: number,
  outHeight: number,
  limit = PREVIEW_PIXEL_LIMIT,
): SampledPreview | null {
  const bw = Math.min(block.width, width);
  const bh = Math.min(block.height, height);
  const nx = Math.ceil(width / bw);
  const ny = Math.ceil(height / bh);
  const budget = Math.max(1, Math.floor(limit / (bw * bh)));
  if (nx * ny <= budget && width * height <= limit) return null;
  const gx = Math.max(1, Math.min(nx, outWidth, Math.round(Math.sqrt((budget * nx) / ny))));
  const gy = Math.max(1, Math.min(ny, outHeight, Math.floor(budget / gx)));
  const cells: SampledCell[] = [];
  for (let j = 0; j < gy; j++) {
    for (let i = 0; i < gx; i++) {
      const bx = Math.floor(((i + 0.5) * nx) / gx);
      const by = Math.floor(((j + 0.5) * ny) / gy);
      const ox = Math.round((i * outWidth) / gx);
      const oy = Math.round((j * outHeight) / gy);
      const out = { x: ox, y: oy, w: Math.round(((i + 1) * outWidth) / gx) - ox, h: Math.round(((j + 1) * outHeight) / gy) - oy };
      // The block is decoded whole anyway; copying out only its centre, at the size of the cell, is what keeps it fast.
      const block = { x: bx * bw, y: by * bh, w: Math.min(bw, width - bx * bw), h: Math.min(bh, height - by * bh) };
      const w = Math.min(block.w, out.w);
      const h = Math.min(block.h, out.h);
      cells.push({ source: { x: block.x + ((block.w - w) >> 1), y: block.y + ((block.h - h) >> 1), w, h }, out });
    }
  }
  return { cells, blocksRead: cells.length, blocksTotal: nx * ny };
}
