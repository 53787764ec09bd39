import { baseName, type Dataset, type ExportedSet, refuseNameClashes, type Split, type SplitOf, SPLITS, stemOf, type TextFiles } from '../../dataset/model';
import { yamlScalar } from './yaml';
import { dict } from '../../dict';

const coord = (value: number) => Math.min(1, Math.max(0, value)).toFixed(6);

/**
 * YOLO as ultralytics reads it: `labels/<stem>.txt` beside `images/<file>` (or `labels/<split>/…` and
 * `images/<split>/…`), one `class cx cy w h` line per box, normalised to 0–1 with 6 decimals, class = index
 * into `names`; `data.yaml` with the split folders and `names`; `classes.txt` for tools that read
 * that instead. Image-level tags go into ultralytics' classification layout, `classify/<split>/<tag>/<file>`.
 */
export function exportYolo(dataset: Dataset, splitOf?: SplitOf): ExportedSet {
  refuseNameClashes(dataset, stemOf, (a, b, stem) => `YOLO names label files after the image: "${a}" and "${b}" would share labels/${stem}.txt; rename one`);
  const classes = new Map(dataset.labels.map((name, index) => [name, index]));
  const sizes = new Map(dataset.images.map((i) => [i.fileName, i]));
  const lines = new Map<string, string[]>(dataset.images.map((i) => [i.fileName, []]));
  for (const a of dataset.annotations) {
    const image = sizes.get(a.imageFileName);
    const cls = classes.get(a.label);
    if (!image || cls === undefined) throw new Error(`annotation of "${a.imageFileName}" labelled "${a.label}" is not in the set`);
    const { x, y, w, h } = a.box;
    lines.get(a.imageFileName)!.push(`${cls} ${coord((x + w / 2) / image.width)} ${coord((y + h / 2) / image.height)} ${coord(w / image.width)} ${coord(h / image.height)}`);
  }
  const files: TextFiles = dict();
  const imagePaths = new Map<string, string[]>();
  const used = new Set<Split>();
  for (const image of dataset.images) {
    const split = splitOf?.get(image.fileName);
    if (split) used.add(split);
    const folder = split ? `/${split}` : '';
    const name = baseName(image.fileName);
    files[`labels${folder}/${stemOf(name)}.txt`] = lines.get(image.fileName)!.map((l) => `${l}\n`).join('');
    const paths = [`images${folder}/${name}`];
    for (const tag of image.tags ?? []) paths.push(`classify/${split ?? 'train'}/${tag.replace(/[/\\]/g, '_')}/${name}`);
    imagePaths.set(image.fileName, paths);
  }
  files['data.yaml'] = dataYaml(dataset.labels, splitOf ? SPLITS.filter((s) => used.has(s)) : []);
  files['classes.txt'] = dataset.labels.map((l) => `${l}\n`).join('');
  return { files, imagePaths };
}

function dataYaml(names: readonly string[], splits: Split[]): string {
  const folder = (split: Split) => (splits.length ? `images/${split}` : 'images');
  // ultralytics needs train and val; with no validation split the training images stand in for it.
  const val = splits.length === 0 || splits.includes('val') ? folder('val') : folder(splits[0]!);
  // No `path`: ultralytics then takes the folder holding data.yaml as the root (a relative `path` would be read
  // against its own datasets folder or the working directory instead).
  const lines = ['# YOLO dataset written by the Recognition Workbench', `train: ${folder(splits.length ? (splits.includes('train') ? 'train' : splits[0]!) : 'train')}`, `val: ${val}`];
  if (splits.includes('test')) lines.push(`test: ${folder('test')}`);
  lines.push(`nc: ${names.length}`, 'names:', ...names.map((name, index) => `  ${index}: ${yamlScalar(name)}`));
  return `${lines.join('\n')}\n`;
}
