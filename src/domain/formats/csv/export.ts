import { baseName, type Dataset, refuseNameClashes, round, sameBaseName, type SplitOf, type TextFiles } from '../../dataset/model';
import { csvRow } from './rfc4180';
import { dict } from '../../dict';

export const CSV_COLUMNS = ['image', 'label', 'x', 'y', 'w', 'h', 'score', 'status', 'source', 'tags', 'image_width', 'image_height'] as const;

const num = (value: number) => String(round(value, 2));

/**
 * One row per annotation (boxes in pixels, 2 decimals), image-level tags joined by "|" in `tags`, and the
 * image's size so the file stands on its own. Images are named as they are written beside it: by base name. An image without annotations still gets one row with an empty
 * label, so its tags and size are not lost. With a split: one file per split (train.csv, val.csv, test.csv).
 */
export function exportCsv(dataset: Dataset, splitOf?: SplitOf): { files: TextFiles; imagePaths: Map<string, string[]> } {
  refuseNameClashes(dataset, baseName, sameBaseName);
  const rows = new Map<string, string[]>();
  const imagePaths = new Map<string, string[]>();
  const fileOf = (fileName: string) => (splitOf?.get(fileName) ? `${splitOf.get(fileName)}.csv` : 'annotations.csv');
  const byImage = new Map(dataset.images.map((i) => [i.fileName, i]));
  const annotated = new Set(dataset.annotations.map((a) => a.imageFileName));
  const add = (fileName: string, fields: string[]) => {
    const file = fileOf(fileName);
    const lines = rows.get(file) ?? rows.set(file, [csvRow(CSV_COLUMNS)]).get(file)!;
    lines.push(csvRow(fields));
  };
  const imageFields = (fileName: string) => {
    const image = byImage.get(fileName);
    if (!image) throw new Error(`annotation for "${fileName}", which is not among the set's images`);
    return [(image.tags ?? []).join('|'), String(image.width), String(image.height)];
  };
  for (const image of dataset.images) {
    imagePaths.set(image.fileName, [`images/${baseName(image.fileName)}`]);
    if (!annotated.has(image.fileName)) add(image.fileName, [baseName(image.fileName), '', '', '', '', '', '', '', '', ...imageFields(image.fileName)]);
  }
  for (const a of dataset.annotations) {
    const { x, y, w, h } = a.box;
    const score = a.score === undefined ? '' : String(round(a.score, 4));
    add(a.imageFileName, [baseName(a.imageFileName), a.label, num(x), num(y), num(w), num(h), score, a.status ?? '', a.source ?? '', ...imageFields(a.imageFileName)]);
  }
  const files: TextFiles = dict();
  for (const [file, lines] of rows) files[file] = lines.join('');
  return { files, imagePaths };
}
