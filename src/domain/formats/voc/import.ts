import { DatasetError, ProblemList } from '../../dataset/errors';
import { type Dataset, type DatasetAnnotation, type DatasetImage, PIXEL_TOLERANCE, type TextFiles } from '../../dataset/model';
import { child, parseXml, type XmlElement } from './xml';

/**
 * Reads Pascal VOC XML files (every `*.xml` in the set): filename, size and each object's name and bndbox
 * (1-based inclusive pixels: x = xmin − 1, w = xmax − xmin + 1). Strict: a bndbox before pixel 1 or past
 * the image's width or height, a missing field or malformed XML refuses the whole set, naming file and line.
 */
export function parseVoc(files: TextFiles): Dataset {
  const problems = new ProblemList();
  const images: DatasetImage[] = [];
  const annotations: DatasetAnnotation[] = [];
  const labels: string[] = [];
  const owner = new Map<string, string>();
  const paths = Object.keys(files).filter((p) => p.toLowerCase().endsWith('.xml')).sort();
  if (paths.length === 0) problems.add('(set)', 'no VOC annotation files (*.xml) found');
  for (const path of paths) {
    let root: XmlElement;
    try {
      root = parseXml(files[path]!, path);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      problems.items.push(...error.problems);
      continue;
    }
    const at = (el: XmlElement, field: string, message: string) => problems.add(path, message, { line: el.line, field });
    if (root.name !== 'annotation') {
      at(root, root.name, 'the root element must be <annotation>');
      continue;
    }
    const fileName = child(root, 'filename')?.text ?? '';
    const size = child(root, 'size');
    const width = Number(size && child(size, 'width')?.text);
    const height = Number(size && child(size, 'height')?.text);
    if (fileName === '') at(root, 'filename', 'missing <filename>');
    if (!size || !(width > 0) || !(height > 0)) at(size ?? root, 'size', '<size> needs a positive <width> and <height>');
    if (fileName === '' || !(width > 0 && height > 0)) continue;
    if (owner.has(fileName)) {
      at(root, 'filename', `${fileName} is already described by ${owner.get(fileName)}`);
      continue;
    }
    owner.set(fileName, path);
    images.push({ fileName, width, height, origin: path });
    root.children
      .filter((c) => c.name === 'object')
      .forEach((object, index) => {
        const field = `object[${index + 1}]`;
        const label = child(object, 'name')?.text.trim() ?? '';
        if (label === '') return at(object, `${field}/name`, 'an object needs a <name>');
        const bndbox = child(object, 'bndbox');
        if (!bndbox) return at(object, `${field}/bndbox`, 'an object needs a <bndbox>');
        const values: Record<string, number> = {};
        for (const key of ['xmin', 'ymin', 'xmax', 'ymax']) {
          const el = child(bndbox, key);
          const value = Number(el?.text);
          if (!el || el.text === '' || !Number.isFinite(value)) return at(el ?? bndbox, `${field}/bndbox/${key}`, `missing or not a number: <${key}>`);
          values[key] = value;
        }
        const { xmin, ymin, xmax, ymax } = values as { xmin: number; ymin: number; xmax: number; ymax: number };
        if (xmax < xmin || ymax < ymin) return at(bndbox, `${field}/bndbox`, `xmax/ymax (${xmax}, ${ymax}) before xmin/ymin (${xmin}, ${ymin})`);
        const tol = PIXEL_TOLERANCE;
        if (xmin < 1 - tol || ymin < 1 - tol || xmax > width + tol || ymax > height + tol) {
          return at(bndbox, `${field}/bndbox`, `coordinates outside the image: VOC pixels run 1 to ${width} × 1 to ${height}, got xmin ${xmin}, ymin ${ymin}, xmax ${xmax}, ymax ${ymax}`);
        }
        const x = Math.max(0, xmin - 1);
        const y = Math.max(0, ymin - 1);
        const box = { x, y, w: Math.min(width, xmax) - x, h: Math.min(height, ymax) - y };
        if (!labels.includes(label)) labels.push(label);
        annotations.push({ imageFileName: fileName, label, box, origin: `${path} line ${object.line}` });
      });
  }
  problems.throwIfAny();
  return { labels, images, annotations };
}
