// Generated training scenes. The fixtures hold few objects, so box-level training data is made here, honestly:
// each scene is a generated background (smooth colour gradients and noise) with fixture photos pasted onto it at
// seeded random positions and scales, each paste augmented (a random part of the photo, a mirror image, brighter
// or darker). The pasted rectangles are the true boxes, so what a reviewer would say is known exactly.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { decodeImage } from '../../src/cli/decode-image';
import { seededRandom } from '../../src/domain/dataset/split';
import type { BBox } from '../../src/domain/geometry';
import type { RgbaPixels } from '../../src/domain/image';
import { readFixture } from './fixtures';

/**
 * Reviewer's label → the fixture photo pasted for it and the part of it that is the object (where the bundled
 * CenterNet finds it in the photo). That detector calls astronaut and cameraman both "person", and the cat "dog".
 */
export const SCENE_CLASSES: Record<string, { file: string; part: BBox }> = {
  astronaut: { file: 'astronaut.png', part: { x: 8, y: 9, w: 361, h: 503 } },
  cameraman: { file: 'camera.png', part: { x: 8, y: 59, w: 285, h: 452 } },
  cat: { file: 'chelsea.png', part: { x: 0, y: 0, w: 451, h: 300 } },
};
export const SCENE_LABELS = Object.keys(SCENE_CLASSES);

export interface SceneObject {
  label: string;
  box: BBox;
}

export interface Scene {
  fileName: string;
  width: number;
  height: number;
  objects: SceneObject[];
  png: Uint8Array;
}

export interface SceneOptions {
  seed: number;
  count: number;
  width?: number;
  height?: number;
  /** Prefix of the file names (scene-000.png, …). */
  prefix?: string;
  /** Object sizes (the longer side) as a share of the scene's shorter side: from, to. */
  scale?: [number, number];
}

const sources = new Map<string, RgbaPixels>();
function sourceOf(label: string): RgbaPixels {
  let pixels = sources.get(label);
  if (!pixels) {
    pixels = decodeImage(readFixture(SCENE_CLASSES[label]!.file)).pixels;
    sources.set(label, pixels);
  }
  return pixels;
}

function background(width: number, height: number, random: () => number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const corners = Array.from({ length: 4 }, () => [random() * 255, random() * 255, random() * 255]);
  const noise = 10 + random() * 20;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / (width - 1);
      const v = y / (height - 1);
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = corners[0]![c]! * (1 - u) + corners[1]![c]! * u;
        const bottom = corners[2]![c]! * (1 - u) + corners[3]![c]! * u;
        out[i + c] = Math.max(0, Math.min(255, top * (1 - v) + bottom * v + (random() - 0.5) * noise));
      }
      out[i + 3] = 255;
    }
  }
  return out;
}

/** Pastes part of `source` (sx, sy, sw, sh) into `target` at box, bilinear, mirrored and with a gain when asked. */
function paste(target: Uint8Array, width: number, source: RgbaPixels, part: BBox, box: BBox, mirror: boolean, gain: number): void {
  for (let y = 0; y < box.h; y++) {
    for (let x = 0; x < box.w; x++) {
      const fx = part.x + ((mirror ? box.w - 1 - x : x) + 0.5) * (part.w / box.w) - 0.5;
      const fy = part.y + (y + 0.5) * (part.h / box.h) - 0.5;
      const x0 = Math.max(0, Math.min(source.width - 1, Math.floor(fx)));
      const y0 = Math.max(0, Math.min(source.height - 1, Math.floor(fy)));
      const x1 = Math.min(source.width - 1, x0 + 1);
      const y1 = Math.min(source.height - 1, y0 + 1);
      const ax = Math.max(0, Math.min(1, fx - x0));
      const ay = Math.max(0, Math.min(1, fy - y0));
      const o = ((box.y + y) * width + box.x + x) * 4;
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number) => {
          const p = (yy * source.width + xx) * 4;
          const alpha = source.data[p + 3]! / 255;
          return source.data[p + c]! * alpha + target[o + c]! * (1 - alpha);
        };
        const value = (at(x0, y0) * (1 - ax) + at(x1, y0) * ax) * (1 - ay) + (at(x0, y1) * (1 - ax) + at(x1, y1) * ax) * ay;
        target[o + c] = Math.max(0, Math.min(255, value * gain));
      }
    }
  }
}

const overlaps = (a: BBox, b: BBox, gap: number) => a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;

/** `count` scenes, each with one object of every class where room allows (at least two), seeded. */
export function generateScenes({ seed, count, width = 480, height = 360, prefix = 'scene', scale = [0.38, 0.55] }: SceneOptions): Scene[] {
  const random = seededRandom(seed);
  const scenes: Scene[] = [];
  for (let n = 0; n < count; n++) {
    const data = background(width, height, random);
    const objects: SceneObject[] = [];
    // A different class order per scene, so no class always gets the best spot.
    const labels = [...SCENE_LABELS];
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    for (const label of labels) {
      const source = sourceOf(label);
      const object = SCENE_CLASSES[label]!.part;
      const keep = 0.9 + random() * 0.1;
      const part = { w: Math.round(object.w * keep), h: Math.round(object.h * keep), x: 0, y: 0 };
      part.x = object.x + Math.floor(random() * (object.w - part.w + 1));
      part.y = object.y + Math.floor(random() * (object.h - part.h + 1));
      const side = Math.min(width, height) * (scale[0] + random() * (scale[1] - scale[0]));
      const ratio = part.w / part.h;
      const w = Math.round(ratio >= 1 ? side : side * ratio);
      const h = Math.round(ratio >= 1 ? side / ratio : side);
      for (let attempt = 0; attempt < 30; attempt++) {
        const box = { x: Math.floor(random() * (width - w)), y: Math.floor(random() * (height - h)), w, h };
        if (objects.some((o) => overlaps(o.box, box, 4))) continue;
        paste(data, width, source, part, box, random() < 0.5, 0.8 + random() * 0.4);
        objects.push({ label, box });
        break;
      }
    }
    const png = new PNG({ width, height });
    png.data.set(data);
    scenes.push({ fileName: `${prefix}-${String(n).padStart(3, '0')}.png`, width, height, objects, png: new Uint8Array(PNG.sync.write(png)) });
  }
  return scenes;
}

/** Writes the scenes as PNGs into `dir`; returns their paths. */
export function writeScenes(dir: string, scenes: readonly Scene[]): string[] {
  mkdirSync(dir, { recursive: true });
  return scenes.map((s) => {
    const path = join(dir, s.fileName);
    writeFileSync(path, s.png);
    return path;
  });
}

/** A COCO JSON of the scenes' true boxes (what the reviewer says), categories in SCENE_LABELS order. */
export function scenesAsCoco(scenes: readonly Scene[]): string {
  const categories = SCENE_LABELS.map((name, i) => ({ id: i + 1, name }));
  const images = scenes.map((s, i) => ({ id: i + 1, file_name: s.fileName, width: s.width, height: s.height }));
  const annotations = scenes.flatMap((s, i) =>
    s.objects.map((o, j) => ({ id: (i + 1) * 100 + j, image_id: i + 1, category_id: SCENE_LABELS.indexOf(o.label) + 1, bbox: [o.box.x, o.box.y, o.box.w, o.box.h], area: o.box.w * o.box.h, iscrowd: 0 })),
  );
  return JSON.stringify({ info: { description: 'generated training scenes' }, licenses: [], images, annotations, categories });
}

/** The scenes as a COCO set zip with its images (annotations.json + images/), as "Import dataset…" and `workbench train` read it. */
export function scenesZip(scenes: readonly Scene[]): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'annotations.json': new TextEncoder().encode(scenesAsCoco(scenes)) };
  for (const s of scenes) entries[`images/${s.fileName}`] = s.png;
  return zipSync(entries);
}

/** More classes for the bench's harder set: the horse silhouette and the rocket launch join the three above. */
export const CROP_CLASSES: Record<string, { file: string; part: BBox }> = {
  ...SCENE_CLASSES,
  horse: { file: 'horse.png', part: { x: 0, y: 0, w: 400, h: 328 } },
  rocket: { file: 'rocket.jpg', part: { x: 0, y: 0, w: 640, h: 427 } },
};

export interface Crop {
  label: string;
  pixels: RgbaPixels;
}

/**
 * Crops as a box labeller sees them (224 × 224), augmented hard so that classes overlap: a random part of the object
 * (40–100 % of each side), mirrored half the time, brighter or darker, with pixel noise. Seeded.
 */
export function augmentedCrops({ seed, perClass, size = 224 }: { seed: number; perClass: number; size?: number }): Crop[] {
  const random = seededRandom(seed);
  const crops: Crop[] = [];
  for (const [label, { file, part: object }] of Object.entries(CROP_CLASSES)) {
    const source = decodeImage(readFixture(file)).pixels;
    for (let n = 0; n < perClass; n++) {
      const keep = 0.4 + random() * 0.6;
      const part = { w: Math.max(8, Math.round(object.w * keep)), h: Math.max(8, Math.round(object.h * keep)), x: 0, y: 0 };
      part.x = object.x + Math.floor(random() * (object.w - part.w + 1));
      part.y = object.y + Math.floor(random() * (object.h - part.h + 1));
      const data = new Uint8Array(size * size * 4).fill(255);
      paste(data, size, source, part, { x: 0, y: 0, w: size, h: size }, random() < 0.5, 0.6 + random() * 0.8);
      const noise = random() * 40;
      for (let i = 0; i < data.length; i += 4) {
        for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + (random() - 0.5) * noise));
      }
      crops.push({ label, pixels: { data, width: size, height: size } });
    }
  }
  return crops;
}
