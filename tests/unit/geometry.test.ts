import { describe, expect, it } from 'vitest';
import { clipBox, fromCorners, iou, scaleBox } from '../../src/domain/geometry';

describe('iou', () => {
  it('is 1 for identical boxes and 0 for disjoint or edge-touching ones', () => {
    const a = { x: 10, y: 20, w: 30, h: 40 };
    expect(iou(a, { ...a })).toBe(1);
    expect(iou(a, { x: 100, y: 100, w: 5, h: 5 })).toBe(0);
    expect(iou(a, { x: 40, y: 20, w: 10, h: 40 })).toBe(0);
  });

  it('is intersection over union for a partial overlap', () => {
    // 10×10 boxes shifted by 5 px: 50 shared, 150 covered.
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 0, w: 10, h: 10 })).toBeCloseTo(1 / 3, 10);
    // A box inside another: inner area / outer area.
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 2, y: 2, w: 5, h: 5 })).toBeCloseTo(0.25, 10);
  });

  it('is symmetric', () => {
    const a = { x: 3, y: 7, w: 20, h: 11 };
    const b = { x: 9, y: 1, w: 8, h: 30 };
    expect(iou(a, b)).toBe(iou(b, a));
  });
});

describe('clipBox', () => {
  it('cuts a box that crosses the image edges', () => {
    expect(clipBox({ x: -5, y: 10, w: 20, h: 100 }, 50, 60)).toEqual({ x: 0, y: 10, w: 15, h: 50 });
  });

  it('leaves a box inside the image alone', () => {
    expect(clipBox({ x: 1, y: 2, w: 3, h: 4 }, 10, 10)).toEqual({ x: 1, y: 2, w: 3, h: 4 });
  });

  it('gives zero area to a box wholly outside', () => {
    const clipped = clipBox({ x: 200, y: 5, w: 10, h: 10 }, 100, 100);
    expect(clipped.w * clipped.h).toBe(0);
    const above = clipBox({ x: 5, y: -50, w: 10, h: 20 }, 100, 100);
    expect(above.h).toBe(0);
  });
});

describe('fromCorners', () => {
  it('accepts corners in either order', () => {
    expect(fromCorners(10, 20, 40, 80)).toEqual({ x: 10, y: 20, w: 30, h: 60 });
    expect(fromCorners(40, 80, 10, 20)).toEqual({ x: 10, y: 20, w: 30, h: 60 });
  });
});

describe('scaleBox', () => {
  it('scales position and size on each axis independently', () => {
    expect(scaleBox({ x: 10, y: 20, w: 30, h: 40 }, 2, 0.5)).toEqual({ x: 20, y: 10, w: 60, h: 20 });
  });
});
