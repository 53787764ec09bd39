// Generated evaluation sets (seeded, so every run sees the same boxes) for the cross-checks and the bench.
import { seededRandom } from '../../src/domain/dataset/split';
import type { NamedImage } from '../../src/domain/eval/coco-output';
import type { EvalImage, PredictedBox, TruthBox } from '../../src/domain/eval/types';
import type { BBox } from '../../src/domain/geometry';

export interface GeneratedSet {
  images: EvalImage[];
  named: NamedImage[];
  classes: string[];
}

export interface SetShape {
  seed: number;
  images: number;
  classes: number;
  /** Truth boxes per image: from, to. */
  boxes: [number, number];
  /** How far a detection strays from its object, as a share of the object's size. */
  jitter: number;
  /** Share of objects the model misses; share labelled as another class. */
  missRate: number;
  confusionRate: number;
  /** Extra detections on nothing, per image: from, to. */
  falseAlarms: [number, number];
  /** Crowd regions per image (each with a few detections inside it). */
  crowds?: number;
  /** Round scores to this many decimals, so that some tie (the ranking must keep their order). */
  scoreDecimals?: number;
  /** Identical truth boxes now and then (equal overlaps: the later one wins). */
  twins?: boolean;
  /** One image with this many detections of one class (more than COCOeval's 100). */
  flood?: number;
  width?: number;
  height?: number;
}

export function generateSet(shape: SetShape): GeneratedSet {
  const random = seededRandom(shape.seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const width = shape.width ?? 640;
  const height = shape.height ?? 480;
  const classes = Array.from({ length: shape.classes }, (_, i) => `class ${String.fromCharCode(97 + (i % 26))}${i >= 26 ? i : ''}`);
  const clip = (b: BBox): BBox => {
    const x = Math.max(0, b.x);
    const y = Math.max(0, b.y);
    return { x, y, w: Math.max(1, Math.min(width, b.x + b.w) - x), h: Math.max(1, Math.min(height, b.y + b.h) - y) };
  };
  // Sizes spread over COCO's small (< 32²), medium and large (> 96²) ranges.
  const someBox = (): BBox => {
    const side = [between(8, 30), between(34, 90), between(100, 260)][int(0, 2)]!;
    const w = side * between(0.6, 1.4);
    const h = side * between(0.6, 1.4);
    return clip({ x: between(0, width - w), y: between(0, height - h), w, h });
  };
  const score = () => {
    const s = between(0.05, 1);
    return shape.scoreDecimals === undefined ? s : Math.round(s * 10 ** shape.scoreDecimals) / 10 ** shape.scoreDecimals;
  };
  const near = (b: BBox, j: number): BBox => clip({ x: b.x + between(-j, j) * b.w, y: b.y + between(-j, j) * b.h, w: b.w * (1 + between(-j, j)), h: b.h * (1 + between(-j, j)) });
  const images: EvalImage[] = [];
  for (let i = 0; i < shape.images; i++) {
    const truth: TruthBox[] = [];
    const predicted: PredictedBox[] = [];
    const n = int(...shape.boxes);
    for (let b = 0; b < n; b++) {
      const label = classes[int(0, classes.length - 1)]!;
      const box = shape.twins && b > 0 && random() < 0.1 ? { ...truth[truth.length - 1]!.box } : someBox();
      truth.push({ label, box });
      if (random() < shape.missRate) continue;
      const shown = random() < shape.confusionRate ? classes[int(0, classes.length - 1)]! : label;
      predicted.push({ label: shown, box: near(box, shape.jitter), score: score() });
      if (random() < 0.15) predicted.push({ label: shown, box: near(box, shape.jitter * 2), score: score() }); // a duplicate
    }
    for (let c = 0; c < (shape.crowds ?? 0); c++) {
      const label = classes[int(0, classes.length - 1)]!;
      const region = clip({ x: between(0, width / 2), y: between(0, height / 2), w: between(120, 300), h: between(100, 220) });
      // A crowd's area is that of its segments, smaller than its box.
      truth.push({ label, box: region, crowd: true, area: region.w * region.h * between(0.3, 0.9) });
      for (let d = int(1, 4); d > 0; d--) {
        const inner = clip({ x: region.x + between(0, region.w - 30), y: region.y + between(0, region.h - 30), w: between(15, 60), h: between(15, 60) });
        predicted.push({ label, box: inner, score: score() });
      }
    }
    for (let f = int(...shape.falseAlarms); f > 0; f--) predicted.push({ label: classes[int(0, classes.length - 1)]!, box: someBox(), score: score() * 0.7 });
    if (shape.flood && i === 0) {
      for (let f = 0; f < shape.flood; f++) predicted.push({ label: classes[0]!, box: someBox(), score: score() });
    }
    images.push({ id: `img_${String(i).padStart(4, '0')}.jpg`, truth, predicted });
  }
  return { images, named: images.map((image) => ({ fileName: image.id, width, height })), classes };
}

/** The three sets the Python cross-check and the CLI tests use. */
export const CROSS_CHECK_SETS: Record<'easy' | 'crowded' | 'crowd-regions', SetShape> = {
  easy: { seed: 11, images: 30, classes: 3, boxes: [1, 4], jitter: 0.04, missRate: 0.05, confusionRate: 0, falseAlarms: [0, 1] },
  crowded: { seed: 23, images: 40, classes: 6, boxes: [8, 25], jitter: 0.15, missRate: 0.2, confusionRate: 0.1, falseAlarms: [2, 8], scoreDecimals: 2, twins: true, flood: 130 },
  'crowd-regions': { seed: 37, images: 30, classes: 4, boxes: [2, 10], jitter: 0.1, missRate: 0.1, confusionRate: 0.05, falseAlarms: [1, 4], crowds: 2, scoreDecimals: 2 },
};
