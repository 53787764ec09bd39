import { baseName, type DatasetFormat, type TextFiles } from './model';

/** Guesses a set's format from its files: data.yaml/classes.txt → YOLO, *.xml → VOC, *.json → COCO, *.csv → CSV. */
export function detectFormat(files: TextFiles): DatasetFormat | null {
  const paths = Object.keys(files);
  if (paths.some((p) => /^(data\.ya?ml|classes\.txt)$/i.test(baseName(p)))) return 'yolo';
  if (paths.some((p) => /\.xml$/i.test(p))) return 'voc';
  if (paths.some((p) => /\.json$/i.test(p))) return 'coco';
  if (paths.some((p) => /\.csv$/i.test(p))) return 'csv';
  if (paths.some((p) => /\.txt$/i.test(p))) return 'yolo';
  return null;
}

/** Project file names made unique: a second "a.jpg" (other bytes, other folder) becomes "a-<first 8 of its hash>.jpg". */
export function uniqueFileNames(images: readonly { sha256: string; fileName: string }[]): Map<string, string> {
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const { sha256, fileName } of images) {
    let name = baseName(fileName);
    if (used.has(name)) {
      const dot = name.lastIndexOf('.');
      name = dot > 0 ? `${name.slice(0, dot)}-${sha256.slice(0, 8)}${name.slice(dot)}` : `${name}-${sha256.slice(0, 8)}`;
    }
    used.add(name);
    names.set(sha256, name);
  }
  return names;
}
