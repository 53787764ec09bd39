import type { ResizeMode } from './model-manifest';
import type { Detection } from './detection';
import { area, intersection, intersectionOverSmaller, iou, type BBox } from './geometry';
import { nonMaxSuppression } from './nms';
import type { PixelWindow } from './raster-source';

/** How one run cuts an image into tiles; part of what makes a result, so it belongs in the result's cache key. */
export interface TilingParams {
  /** Tile side in image pixels; the model's input size, so tiles reach the model without resizing. */
  tileSize: number;
  /** Fraction of a tile shared with its neighbour, 0–0.9. */
  overlap: number;
  /** Also run the model once on the whole image shrunk to one tile, for objects larger than a tile. */
  wholeImagePass: boolean;
  /** How the model places an image in its input, so the whole-image pass keeps the aspect it needs (default stretch). */
  resize?: ResizeMode;
  /** Merged boxes are suppressed per class, as the model's own decoder does (default: across classes). */
  perClass?: boolean;
}

export const DEFAULT_OVERLAP = 0.2;
export const MAX_OVERLAP = 0.9;
/** Same-label boxes from neighbouring tiles whose parts in the shared pixels overlap this much are one object. */
export const DEFAULT_MERGE_THRESHOLD = 0.5;

export function defaultTiling(inputSize: number): TilingParams {
  return { tileSize: inputSize, overlap: DEFAULT_OVERLAP, wholeImagePass: false };
}

export function checkTiling(tileSize: number, overlap: number): void {
  if (!Number.isInteger(tileSize) || tileSize < 1) throw new RangeError(`tile size must be a positive integer, got ${tileSize}`);
  if (!(overlap >= 0 && overlap <= MAX_OVERLAP)) throw new RangeError(`overlap must be from 0 to ${MAX_OVERLAP}, got ${overlap}`);
}

/**
 * The default: tile when the image is more than twice the model's input along either side. Past that, the
 * whole-image pass shrinks every object to less than half its size and small ones (people in an aerial
 * photo, a cat across a room) fall below what the detector can see. A 1024 × 768 image still runs whole
 * at a 512 input; a 2048 × 2048 orthophoto or a 4000 × 3000 phone photo runs tiled.
 */
export function shouldTile(width: number, height: number, inputSize: number | { width: number; height: number }): boolean {
  const input = typeof inputSize === 'number' ? { width: inputSize, height: inputSize } : inputSize;
  return width > 2 * input.width || height > 2 * input.height;
}

/** Start positions along one axis: full tiles at `stride`, the last one moved back so it ends at the edge. */
function axisStarts(size: number, tileSize: number, stride: number): number[] {
  if (size <= tileSize) return [0];
  const starts: number[] = [];
  for (let start = 0; start + tileSize < size; start += stride) starts.push(start);
  starts.push(size - tileSize);
  return starts;
}

/**
 * Windows covering a width × height image, row by row: tileSize square, stride round(tileSize × (1 − overlap)),
 * the last row and column shifted inward so every tile is full size (they overlap their neighbour a little
 * more than asked). Along a side no longer than a tile there is one window spanning that side.
 */
export function tileGrid(width: number, height: number, tileSize: number, overlap: number): PixelWindow[] {
  checkTiling(tileSize, overlap);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width} × ${height}`);
  }
  const stride = Math.max(1, Math.round(tileSize * (1 - overlap)));
  const xs = axisStarts(width, tileSize, stride);
  const ys = axisStarts(height, tileSize, stride);
  const w = Math.min(tileSize, width);
  const h = Math.min(tileSize, height);
  return ys.flatMap((y) => xs.map((x) => ({ x, y, w, h })));
}

/** How many windows tileGrid makes, without making them (a 100,000² raster has tens of thousands). */
export function tileCount(width: number, height: number, tileSize: number, overlap: number): number {
  checkTiling(tileSize, overlap);
  const stride = Math.max(1, Math.round(tileSize * (1 - overlap)));
  const along = (size: number) => (size <= tileSize ? 1 : Math.ceil((size - tileSize) / stride) + 1);
  return along(width) * along(height);
}

/** Model runs one image takes under a run's tiling (auto tiles images more than twice the input), whole-image pass included. */
export function plannedModelRuns(
  image: { width: number; height: number },
  tiling: { mode: 'auto' | 'tiled' | 'whole'; overlap: number; wholeImagePass: boolean },
  input: { width: number; height: number },
): number {
  const tiled = tiling.mode === 'tiled' || (tiling.mode === 'auto' && shouldTile(image.width, image.height, input));
  return tiled ? tileCount(image.width, image.height, input.width, tiling.overlap) + (tiling.wholeImagePass ? 1 : 0) : 1;
}

/** A detection in image coordinates, with the window (tile, or the whole image) the model saw when it made it. */
export interface WindowedDetection extends Detection {
  window?: PixelWindow;
}

export interface MergeOptions {
  /** Class-agnostic NMS over the merged boxes, as the detectors do within one image (CenterNet: 0.4). */
  iouThreshold: number;
  /** Default DEFAULT_MERGE_THRESHOLD. */
  mergeThreshold?: number;
  /** Default: no limit (a big image may hold more objects than the per-tile limit). */
  maxDetections?: number;
  /** Suppress only within a class, for models whose own suppression is per class (YOLO); default class-agnostic. */
  perClass?: boolean;
}

const sameWindow = (a?: PixelWindow, b?: PixelWindow) =>
  !!a && !!b && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** The rectangle two boxes share (zero width or height when they do not meet). */
function overlapOf(a: BBox, b: BBox): BBox {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  return { x: x1, y: y1, w: Math.max(0, Math.min(a.x + a.w, b.x + b.w) - x1), h: Math.max(0, Math.min(a.y + a.h, b.y + b.h) - y1) };
}

/**
 * The two parts must also be of comparable size (IoU): a sliver of one box reaching a few pixels into the shared
 * strip, or a person inside a whole-image-pass box around a whole group, lies wholly within the other part
 * (intersection over smaller 1) without being the same object.
 */
const MIN_PART_IOU = 0.25;

/**
 * Whether two same-label boxes from different windows are one object. Both windows saw the pixels they share,
 * so the test is made there: each box is clipped to the shared region and the clipped parts must overlap by
 * more than `threshold` of the smaller part (intersection over smaller). A person cut by a tile border gives a
 * left half and a right half that barely overlap as whole boxes, but coincide inside the overlap strip.
 * The parts must also have an IoU of at least MIN_PART_IOU. Without windows the shared region is everything.
 */
export function sameObject(a: WindowedDetection, b: WindowedDetection, threshold: number): boolean {
  if (a.label !== b.label || sameWindow(a.window, b.window)) return false;
  const region = a.window && b.window ? overlapOf(a.window, b.window) : (a.window ?? b.window);
  const partA = region ? overlapOf(a.box, region) : a.box;
  const partB = region ? overlapOf(b.box, region) : b.box;
  if (area(partA) === 0 || area(partB) === 0 || iou(partA, partB) < MIN_PART_IOU) return false;
  return intersectionOverSmaller(partA, partB) > threshold;
}

function unionBox(a: BBox, b: BBox): BBox {
  const x1 = Math.min(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  return { x: x1, y: y1, w: Math.max(a.x + a.w, b.x + b.w) - x1, h: Math.max(a.y + a.h, b.y + b.h) - y1 };
}

/**
 * Merges detections gathered tile by tile (and from an optional whole-image pass) so an object comes out once:
 * 1. boxes of the same label from different windows that are one object (see sameObject) are joined, also
 *    through chains (the four quarters of a person cut by two borders): merged box = union, score = max;
 * 2. NMS (nms.ts) over the result, class-agnostic unless options.perClass, which settles an object labelled
 *    differently in two tiles (a cat seen whole in one tile and as a "dog" from its back half in the next) and
 *    exact duplicates.
 * Detections from the same window are never joined: the model already told them apart.
 */
export function mergeTiledDetections(detections: readonly WindowedDetection[], options: MergeOptions): Detection[] {
  const threshold = options.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD;
  const parent = detections.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // Sweep along x: only boxes that intersect can be one object.
  const order = detections.map((_, i) => i).sort((i, j) => detections[i]!.box.x - detections[j]!.box.x);
  for (let s = 0; s < order.length; s++) {
    const a = detections[order[s]!]!;
    const right = a.box.x + a.box.w;
    for (let t = s + 1; t < order.length && detections[order[t]!]!.box.x < right; t++) {
      const b = detections[order[t]!]!;
      if (intersection(a.box, b.box) > 0 && sameObject(a, b, threshold)) parent[find(order[s]!)] = find(order[t]!);
    }
  }
  const groups = new Map<number, Detection>();
  detections.forEach((d, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (!group) {
      groups.set(root, { label: d.label, classIndex: d.classIndex, score: d.score, box: { ...d.box } });
    } else {
      group.box = unionBox(group.box, d.box);
      group.score = Math.max(group.score, d.score);
    }
  });
  return nonMaxSuppression([...groups.values()], {
    iouThreshold: options.iouThreshold,
    maxDetections: options.maxDetections ?? Infinity,
    perClass: options.perClass ?? false,
  });
}
