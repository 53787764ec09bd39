/** Axis-aligned box in image pixels: top-left corner, width and height. */
export interface BBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function area(box: BBox): number {
  return Math.max(0, box.w) * Math.max(0, box.h);
}

export function intersection(a: BBox, b: BBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: BBox, b: BBox): number {
  const inter = intersection(a, b);
  if (inter === 0) return 0;
  return inter / (area(a) + area(b) - inter);
}

/** Clips a box to an image of the given size; a box wholly outside comes back with zero area. */
export function clipBox(box: BBox, width: number, height: number): BBox {
  const x1 = Math.min(Math.max(box.x, 0), width);
  const y1 = Math.min(Math.max(box.y, 0), height);
  const x2 = Math.min(Math.max(box.x + box.w, 0), width);
  const y2 = Math.min(Math.max(box.y + box.h, 0), height);
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

export function fromCorners(x1: number, y1: number, x2: number, y2: number): BBox {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
}

export function scaleBox(box: BBox, sx: number, sy: number): BBox {
  return { x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy };
}

/** Intersection over the smaller box's area: 1 when one box lies wholly inside the other, 0 when apart. */
export function intersectionOverSmaller(a: BBox, b: BBox): number {
  const inter = intersection(a, b);
  if (inter === 0) return 0;
  return inter / Math.min(area(a), area(b));
}
