import { describe, expect, it } from 'vitest';
import { fitView, labelRect, MAX_SCALE, panBy, toImage, visibleRect, zoomAt } from '../../src/state/editor-view';

const STAGE = { width: 800, height: 600 };
const BIG = { width: 10_000, height: 10_000 };

describe('zoom and pan arithmetic', () => {
  it('fits the whole image centred', () => {
    expect(fitView(STAGE, BIG)).toEqual({ scale: 0.06, x: 100, y: 0 });
    expect(fitView(STAGE, { width: 400, height: 100 })).toEqual({ scale: 2, x: 0, y: 200 });
  });

  it('keeps the image point under the pointer where it is when zooming', () => {
    const view = fitView(STAGE, BIG);
    const under = toImage(view, 300, 250);
    const zoomed = zoomAt(view, 8, 300, 250, STAGE, BIG);
    expect(zoomed.scale).toBeCloseTo(0.48);
    const still = toImage(zoomed, 300, 250);
    expect(still.x).toBeCloseTo(under.x, 9);
    expect(still.y).toBeCloseTo(under.y, 9);
  });

  it('stops at 32 screen pixels per image pixel and at a quarter of the fitted size', () => {
    const view = fitView(STAGE, BIG);
    expect(zoomAt(view, 1e6, 0, 0, STAGE, BIG).scale).toBe(MAX_SCALE);
    expect(zoomAt(view, 1e-6, 0, 0, STAGE, BIG).scale).toBeCloseTo(0.015);
  });

  it('pans by screen pixels, which moves what is visible by that over the scale', () => {
    const view = { scale: 2, x: 0, y: 0 };
    expect(visibleRect(panBy(view, -100, -50), STAGE)).toEqual({ x: 50, y: 25, w: 400, h: 300 });
  });

  it('changes the caption rect only after a pan of a quarter stage or so, and always covers the visible part', () => {
    const view = { scale: 1, x: -1000, y: -1000 };
    const a = labelRect(view, STAGE);
    expect(labelRect(panBy(view, -10, -10), STAGE)).toEqual(a);
    for (const dx of [0, -150, -390, -800]) {
      const v = visibleRect(panBy(view, dx, 0), STAGE);
      const r = labelRect(panBy(view, dx, 0), STAGE);
      expect(r.x).toBeLessThanOrEqual(v.x);
      expect(r.x + r.w).toBeGreaterThanOrEqual(v.x + v.w);
    }
  });
});
