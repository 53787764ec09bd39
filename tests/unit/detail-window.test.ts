import { describe, expect, it } from 'vitest';
import { detailRequest, stillCovers } from '../../src/domain/detail-window';

const ortho = { width: 20_000, height: 20_000 };

describe('detailRequest', () => {
  it('keeps the preview while the screen shows no more pixels than it has', () => {
    // A 2048-pixel preview of 20,000²: scale 0.1024. Fit-to-screen at 1000 px is 0.05.
    expect(detailRequest(ortho, 2048, { x: 0, y: 0, w: 20_000, h: 20_000 }, 0.05)).toBeNull();
    expect(detailRequest(ortho, 2048, { x: 0, y: 0, w: 8000, h: 8000 }, 0.125)).toBeNull();
  });

  it('reads the visible window plus a margin at screen resolution when zoomed in', () => {
    const request = detailRequest(ortho, 2048, { x: 10_000, y: 5000, w: 1000, h: 600 }, 1)!;
    expect(request.window.x).toBeLessThanOrEqual(10_000 - 250);
    expect(request.window.y).toBeLessThanOrEqual(5000 - 150);
    expect(request.window.x + request.window.w).toBeGreaterThanOrEqual(11_250);
    expect(request.window.y + request.window.h).toBeGreaterThanOrEqual(5750);
    expect([request.outWidth, request.outHeight]).toEqual([request.window.w, request.window.h]); // 1:1, not finer
  });

  it('keeps the last window through a small pan, not through a long pan or a zoom', () => {
    const a = detailRequest(ortho, 2048, { x: 10_000, y: 5000, w: 1000, h: 600 }, 1)!;
    expect(stillCovers(a, { x: 10_030, y: 5010, w: 1000, h: 600 }, 1)).toBe(true);
    expect(stillCovers(a, { x: 11_000, y: 5000, w: 1000, h: 600 }, 1)).toBe(false);
    expect(stillCovers(a, { x: 10_200, y: 5100, w: 500, h: 300 }, 2)).toBe(true); // beyond 1:1 the raster has no more
    const half = detailRequest(ortho, 2048, { x: 10_000, y: 5000, w: 2000, h: 1200 }, 0.5)!;
    expect(stillCovers(half, { x: 10_400, y: 5200, w: 1000, h: 600 }, 1)).toBe(false); // zoomed in: sharper needed
  });

  it('never asks for more than the raster has or more output pixels than the budget', () => {
    const deep = detailRequest(ortho, 2048, { x: 19_900, y: 19_950, w: 100, h: 50 }, 8)!;
    expect(deep.window.x + deep.window.w).toBeLessThanOrEqual(20_000);
    expect(deep.window.y + deep.window.h).toBeLessThanOrEqual(20_000);
    expect([deep.outWidth, deep.outHeight]).toEqual([deep.window.w, deep.window.h]);
    const wide = detailRequest(ortho, 2048, { x: 0, y: 0, w: 6000, h: 4000 }, 0.5)!;
    expect(wide.outWidth * wide.outHeight).toBeLessThanOrEqual(4_000_000 * 1.001);
  });
});
