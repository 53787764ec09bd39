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
