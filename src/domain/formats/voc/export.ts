import { baseName, type Dataset, type ExportedSet, refuseNameClashes, type Split, type SplitOf, SPLITS, stemOf, type TextFiles } from '../../dataset/model';
import { writeXml, type XmlNode } from './xml';
import { dict } from '../../dict';

/**
 * Pascal VOC as the devkit lays it out: `Annotations/<stem>.xml` per image, images in `JPEGImages/`, image
 * lists in `ImageSets/Main/<split>.txt` (`trainval.txt` without a split). Boxes are whole pixels, 1-based and
 * inclusive: xmin = x + 1, xmax = x + w (each corner rounded to the nearest pixel, at least one pixel wide).
 */
export function exportVoc(dataset: Dataset, splitOf?: SplitOf): ExportedSet {
  refuseNameClashes(dataset, stemOf, (a, b, stem) => `VOC names annotation files after the image: "${a}" and "${b}" would share Annotations/${stem}.xml; rename one`);
  const byImage = new Map(dataset.images.map((i) => [i.fileName, [] as XmlNode[]]));
  const sizes = new Map(dataset.images.map((i) => [i.fileName, i]));
  for (const a of dataset.annotations) {
    const image = sizes.get(a.imageFileName);
    if (!image) throw new Error(`annotation for "${a.imageFileName}", which is not among the set's images`);
    const [xmin, xmax] = pixelSpan(a.box.x, a.box.w, image.width);
    const [ymin, ymax] = pixelSpan(a.box.y, a.box.h, image.height);
    byImage.get(a.imageFileName)!.push([
      'object',
      [
        ['name', a.label],
        ['pose', 'Unspecified'],
        ['truncated', 0],
        ['difficult', 0],
        ['bndbox', [['xmin', xmin], ['ymin', ymin], ['xmax', xmax], ['ymax', ymax]]],
      ],
    ]);
  }
  const files: TextFiles = dict();
  const imagePaths = new Map<string, string[]>();
  const lists = new Map<string, string[]>();
  for (const image of dataset.images) {
    const name = baseName(image.fileName);
    const stem = stemOf(name);
    const root: XmlNode = [
      'annotation',
      [
        ['folder', 'JPEGImages'],
        ['filename', name],
        ['source', [['database', 'Recognition Workbench']]],
        ['size', [['width', image.width], ['height', image.height], ['depth', 3]]],
        ['segmented', 0],
        ...byImage.get(image.fileName)!,
      ],
    ];
    files[`Annotations/${stem}.xml`] = writeXml(root);
    imagePaths.set(image.fileName, [`JPEGImages/${name}`]);
    const list: Split | 'trainval' = splitOf?.get(image.fileName) ?? 'trainval';
    (lists.get(list) ?? lists.set(list, []).get(list)!).push(stem);
  }
  for (const list of ['trainval', ...SPLITS]) {
    const stems = lists.get(list);
    if (stems) files[`ImageSets/Main/${list}.txt`] = stems.map((s) => `${s}\n`).join('');
  }
  return { files, imagePaths };
}

/** 1-based inclusive pixel indices [first, last] covering [start, start + size) after rounding. */
function pixelSpan(start: number, size: number, limit: number): [number, number] {
  const first = Math.min(Math.max(Math.round(start), 0), limit - 1) + 1;
  const last = Math.min(Math.max(Math.round(start + size), first), limit);
  return [first, last];
}
