// A detector in the layout of an ultralytics YOLOv8 `format=tfjs` export, built for tests so its answer is known
// from the image alone. Input `images` [1, 320, 320, 3], RGB 0–1, letterboxed; one output [1, 4 + 2, 104] of
// cx, cy, w, h in input pixels then two class scores, no objectness; metadata.yaml with names and imgsz.
//
// Class 0 "silhouette" is the bounding box of the dark pixels (grey below 0.3), class 1 "canvas" that of the light
// ones (above 0.8); the letterbox padding (114) is neither. Each comes once at score 0.9 and once more, 6 % larger,
// at 0.72, which suppression must remove; 100 grid-cell anchors follow with scores under the 0.05 floor.
// On horse.png (a black horse on white, 400 × 328) the boxes are therefore the horse's extent and the whole image.
import { join } from 'node:path';
import { attr, conv, GraphBuilder } from './graph-builder';

export const YOLO_SIZE = 320;
export const YOLO_LABELS = ['silhouette', 'canvas'];
const STEEPNESS = 60;
const DARK_BELOW = 0.3;
const LIGHT_ABOVE = 0.8;
const CELL = 32;

export const YOLO_METADATA = `description: Silhouette test detector in the YOLOv8 export layout, built by the workbench tests
author: Recognition Workbench tests
date: '2026-01-01'
version: 8.3.0
license: CC0-1.0
stride: 32
task: detect
batch: 1
imgsz:
- ${YOLO_SIZE}
- ${YOLO_SIZE}
names:
  0: silhouette
  1: canvas
`;

/** Writes the model into `dir` (model.json, group1-shard1of1.bin, metadata.yaml); returns the files. */
export function writeYoloSilhouette(dir: string): Record<string, Uint8Array> {
  const S = YOLO_SIZE;
  const g = new GraphBuilder();
  const images = g.placeholder('images', [1, S, S, 3]);
  const third = STEEPNESS / 3;
  const kernel = g.const('model/masks/kernel', [-third, third, -third, third, -third, third], [1, 1, 3, 2]);
  const bias = g.const('model/masks/bias', [STEEPNESS * DARK_BELOW, -STEEPNESS * LIGHT_ABOVE], [2]);
  const logits = g.op('model/masks/Conv2D', 'Conv2D', [images, kernel], conv([1, 1, 1, 1], 'VALID'));
  const biased = g.op('model/masks/BiasAdd', 'BiasAdd', [logits, bias], { data_format: attr.string('NHWC') });
  const masks = g.op('model/masks/Sigmoid', 'Sigmoid', [biased]);

  const axis = (name: string, value: number) => g.const(name, [value], [1], 'int32');
  const max = (name: string, x: string, along: number) => g.op(name, 'Max', [x, axis(`${name}/axis`, along)], { keep_dims: attr.bool(false), Tidx: attr.type('int32') });
  const columns = max('model/extent/columns', masks, 1); // [1, S, 2]: per x, the most of each mask down the column
  const rows = max('model/extent/rows', masks, 2); // [1, S, 2]: per y
  const fromStart = g.const('model/extent/from_start', Array.from({ length: S }, (_, i) => S - i), [1, S, 1]);
  const toEnd = g.const('model/extent/to_end', Array.from({ length: S }, (_, i) => i + 1), [1, S, 1]);
  const size = g.scalar('model/extent/size', S);
  const low = (name: string, profile: string) => g.op(name, 'Sub', [size, max(`${name}/max`, g.op(`${name}/mul`, 'Mul', [profile, fromStart]), 1)]);
  const high = (name: string, profile: string) => max(name, g.op(`${name}/mul`, 'Mul', [profile, toEnd]), 1);
  const x1 = low('model/extent/x1', columns);
  const x2 = high('model/extent/x2', columns);
  const y1 = low('model/extent/y1', rows);
  const y2 = high('model/extent/y2', rows);
  const half = g.scalar('model/box/half', 0.5);
  const cx = g.op('model/box/cx', 'Mul', [g.op('model/box/cx/sum', 'AddV2', [x1, x2]), half]);
  const cy = g.op('model/box/cy', 'Mul', [g.op('model/box/cy/sum', 'AddV2', [y1, y2]), half]);
  const w = g.op('model/box/w', 'Sub', [x2, x1]);
  const h = g.op('model/box/h', 'Sub', [y2, y1]);
  const pack = (name: string, parts: string[]) => g.op(name, 'Pack', parts, { axis: attr.int(1), N: attr.int(parts.length) });
  const grow = g.scalar('model/box/grow', 1.06);
  const boxes = pack('model/box/boxes', [cx, cy, w, h]); // [1, 4, 2]
  const larger = pack('model/box/larger', [cx, cy, g.op('model/box/w_larger', 'Mul', [w, grow]), g.op('model/box/h_larger', 'Mul', [h, grow])]);
  const concat = (name: string, parts: string[], along: number) => g.op(name, 'ConcatV2', [...parts, g.const(`${name}/axis`, [along], [], 'int32')], { N: attr.int(parts.length), Tidx: attr.type('int32') });
  const anchorBoxes = concat('model/box/anchors', [boxes, larger], 2); // [1, 4, 4]

  const present = max('model/score/present', columns, 1); // [1, 2]: 1 where the image has such pixels
  const strong = g.op('model/score/strong', 'Mul', [present, g.scalar('model/score/strong/k', 0.9)]);
  const weak = g.op('model/score/weak', 'Mul', [present, g.scalar('model/score/weak/k', 0.72)]);
  const perAnchor = g.op('model/score/per_anchor', 'ExpandDims', [concat('model/score/all', [strong, weak], 1), axis('model/score/expand', 1)], { Tdim: attr.type('int32') }); // [1, 1, 4]
  const classOf = g.const('model/score/class_of', [1, 0, 1, 0, 0, 1, 0, 1], [1, 2, 4]);
  const anchorScores = g.op('model/score/anchors', 'Mul', [perAnchor, classOf]); // [1, 2, 4]

  const pooled = g.op('model/grid/pool', 'AvgPool', [masks], { ...conv([1, CELL, CELL, 1], 'VALID'), ksize: attr.ints([1, CELL, CELL, 1]) });
  const cells = (S / CELL) ** 2;
  const flat = g.op('model/grid/flat', 'Reshape', [pooled, g.const('model/grid/flat/shape', [1, cells, 2], [3], 'int32')], { Tshape: attr.type('int32') });
  const byClass = g.op('model/grid/by_class', 'Transpose', [flat, g.const('model/grid/perm', [0, 2, 1], [3], 'int32')], { Tperm: attr.type('int32') });
  const gridScores = g.op('model/grid/scores', 'Mul', [byClass, g.scalar('model/grid/k', 0.04)]);
  const gridBoxes: number[] = [];
  for (const row of [0, 1, 2, 3]) {
    for (let cell = 0; cell < cells; cell++) {
      const cxCell = (cell % (S / CELL)) * CELL + CELL / 2;
      const cyCell = Math.floor(cell / (S / CELL)) * CELL + CELL / 2;
      gridBoxes.push([cxCell, cyCell, CELL, CELL][row]!);
    }
  }
  const gridBoxConst = g.const('model/grid/boxes', gridBoxes, [1, 4, cells]);

  const allBoxes = concat('model/out/boxes', [anchorBoxes, gridBoxConst], 2); // [1, 4, 104]
  const allScores = concat('model/out/scores', [anchorScores, gridScores], 2); // [1, 2, 104]
  const out = concat('model/out/concat', [allBoxes, allScores], 1); // [1, 6, 104]
  g.op('Identity', 'Identity', [out]);
  return g.write(dir, 'group1-shard1of1.bin', { 'metadata.yaml': YOLO_METADATA });
}

/** horse.png (400 × 328): the horse's dark pixels and the whole white image, in image pixels. */
export const HORSE_EXPECTED = {
  silhouette: { x: 18, y: 9, w: 371, h: 304 },
  canvas: { x: 0, y: 0, w: 400, h: 328 },
};

/** The same boxes on the horse mirrored left to right (the test writes that image). */
export const MIRRORED_HORSE_EXPECTED = {
  silhouette: { x: 400 - 18 - 371, y: 9, w: 371, h: 304 },
  canvas: { x: 0, y: 0, w: 400, h: 328 },
};

export const yoloDir = (root: string) => join(root, 'silhouette_web_model');
