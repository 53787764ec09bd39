import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PickedFile } from '../../../src/domain/model-import/files';

export { HORSE_EXPECTED, MIRRORED_HORSE_EXPECTED, writeYoloSilhouette, YOLO_LABELS, YOLO_SIZE } from './yolo-silhouette';
export { TM_CLASSES, TM_LABELS, writeTeachableClassifier } from './teachable';
export { writeEinsumClassifier, writeFeatureMapModel, writeSsdLike } from './odd-models';

/** A fresh folder under the system's temp folder. */
export const scratch = (prefix = 'workbench-models-') => mkdtempSync(join(tmpdir(), prefix));

/** The files of a folder as a person picks them with "Choose folder…": paths start with the folder's name. */
export function pickFolder(dir: string): PickedFile[] {
  const name = dir.split('/').at(-1)!;
  return readdirSync(dir).map((file) => ({ path: `${name}/${file}`, bytes: new Uint8Array(readFileSync(join(dir, file))) }));
}
export { writeMirroredHorse } from './images';

/** A COCO JSON of `workbench detect`: boxes by category name. */
export function cocoBoxes(json: string): Record<string, { x: number; y: number; w: number; h: number }[]> {
  const coco = JSON.parse(json) as { annotations: { category_id: number; bbox: number[] }[]; categories: { id: number; name: string }[] };
  const names = new Map(coco.categories.map((c) => [c.id, c.name]));
  const boxes: Record<string, { x: number; y: number; w: number; h: number }[]> = {};
  for (const a of coco.annotations) {
    const [x, y, w, h] = a.bbox as [number, number, number, number];
    (boxes[names.get(a.category_id)!] ??= []).push({ x, y, w, h });
  }
  return boxes;
}
