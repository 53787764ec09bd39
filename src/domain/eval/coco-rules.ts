// COCOeval's bounding-box parameters (pycocotools' Params.setDetParams), spelled out so the numbers agree with it.
import type { BBox } from '../geometry';

/**
 * IoU thresholds 0.50:0.05:0.95. numpy's linspace makes them as start + i·step, which gives 0.8999999999999999
 * for 0.9; pycocotools versions differ here (some round to two decimals), and the difference only matters for an
 * IoU exactly at a threshold. We use the decimal values.
 */
export const IOU_THRESHOLDS: readonly number[] = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/**
 * Recall thresholds 0:0.01:1 (101 points) exactly as numpy's linspace makes them, i·0.01: 0.57 is
 * 0.5700000000000001 there, and a recall of exactly 57/100 must not reach it, as in pycocotools.
 */
export const RECALL_THRESHOLDS: readonly number[] = Array.from({ length: 101 }, (_, i) => (i === 100 ? 1 : i * 0.01));

/** Detections per image and class that count, for AR1, AR10 and AR100; matching always uses the last. */
export const MAX_DETECTIONS = [1, 10, 100] as const;
export const MAX_MATCHED = MAX_DETECTIONS[2];

export type AreaName = 'all' | 'small' | 'medium' | 'large';

/** Object sizes in square pixels, both ends inclusive as COCOeval compares them: an area of exactly 32² is small and medium. */
export const AREA_RANGES: Readonly<Record<AreaName, readonly [number, number]>> = {
  all: [0, 1e10],
  small: [0, 32 ** 2],
  medium: [32 ** 2, 96 ** 2],
  large: [96 ** 2, 1e10],
};
export const AREA_NAMES: readonly AreaName[] = ['all', 'small', 'medium', 'large'];

/**
 * COCO's box overlap (maskUtils.iou on boxes): intersection over union, except against a crowd region, where it is
 * the intersection over the detection's own area, so a detection lying inside a crowd counts as covering it.
 */
export function cocoIou(detection: BBox, truth: BBox, crowd: boolean): number {
  const w = Math.min(detection.x + detection.w, truth.x + truth.w) - Math.max(detection.x, truth.x);
  if (w <= 0) return 0;
  const h = Math.min(detection.y + detection.h, truth.y + truth.h) - Math.max(detection.y, truth.y);
  if (h <= 0) return 0;
  const inter = w * h;
  const own = detection.w * detection.h;
  return inter / (crowd ? own : own + truth.w * truth.h - inter);
}
