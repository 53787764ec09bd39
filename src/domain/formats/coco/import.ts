import { clipBox } from '../../geometry';
import type { AnnotationStatus, Source } from '../../annotation';
import { ProblemList } from '../../dataset/errors';
import { isRecord, parseJson } from '../../dataset/json';
import { boxProblem, type Dataset, type DatasetAnnotation, type DatasetImage } from '../../dataset/model';

const STATUSES: readonly string[] = ['suggested', 'accepted', 'rejected', 'edited'];
const isSource = (s: unknown): s is Source => typeof s === 'string' && /^(model|human|import):./.test(s);
const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * Reads COCO object-detection JSON strictly: every image needs an id, file_name, width and height, every
 * annotation a known image_id and category_id and a bbox [x, y, w, h] inside its image. All problems are
 * collected and the whole file refused if there is any (DatasetError).
 */
export function parseCoco(text: string, file: string): Dataset {
  const root = parseJson(text, file);
  const problems = new ProblemList();
  const at = (field: string, message: string) => problems.add(file, message, { field });
  if (!isRecord(root)) {
    at('(top level)', 'expected a JSON object with "images", "annotations" and "categories"');
    problems.throwIfAny();
  }
  const doc = root as Record<string, unknown>;
  for (const key of ['images', 'annotations', 'categories']) if (!Array.isArray(doc[key])) at(key, 'missing, or not an array');
  problems.throwIfAny();

  const labelsById = new Map<number, string>();
  (doc.categories as unknown[]).forEach((c, i) => {
    const field = `categories[${i}]`;
    if (!isRecord(c) || !Number.isInteger(c.id)) return at(`${field}.id`, 'a category needs a whole-number id');
    if (typeof c.name !== 'string' || c.name.trim() === '') return at(`${field}.name`, 'a category needs a name');
    if (labelsById.has(c.id as number)) return at(`${field}.id`, `category id ${String(c.id)} is used twice`);
    labelsById.set(c.id as number, c.name.trim());
  });

  const imagesById = new Map<number, DatasetImage>();
  const names = new Set<string>();
  (doc.images as unknown[]).forEach((img, i) => {
    const field = `images[${i}]`;
    if (!isRecord(img)) return at(field, 'an image must be an object');
    const { id, file_name: fileName, width, height } = img;
    if (!Number.isInteger(id)) return at(`${field}.id`, 'an image needs a whole-number id');
    if (typeof fileName !== 'string' || fileName === '') return at(`${field}.file_name`, 'an image needs a file_name');
    if (!positive(width) || !positive(height)) return at(`${field}.width`, 'an image needs a positive width and height');
    if (imagesById.has(id as number)) return at(`${field}.id`, `image id ${String(id)} is used twice`);
    if (names.has(fileName)) return at(`${field}.file_name`, `"${fileName}" is listed twice`);
    names.add(fileName);
    const tags = isRecord(img.attributes) && Array.isArray(img.attributes.tags) ? img.attributes.tags.filter((t): t is string => typeof t === 'string') : [];
    imagesById.set(id as number, { fileName, width, height, origin: `${file} ${field}`, ...(tags.length ? { tags } : {}) });
  });

  const annotations: DatasetAnnotation[] = [];
  (doc.annotations as unknown[]).forEach((a, i) => {
    const field = `annotations[${i}]`;
    if (!isRecord(a)) return at(field, 'an annotation must be an object');
    const image = imagesById.get(a.image_id as number);
    if (!image) return at(`${field}.image_id`, `unknown image id ${JSON.stringify(a.image_id)}`);
    const label = labelsById.get(a.category_id as number);
    if (label === undefined) return at(`${field}.category_id`, `unknown category id ${JSON.stringify(a.category_id)}`);
    const bbox = a.bbox;
    if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      return at(`${field}.bbox`, 'bbox must be [x, y, width, height], four numbers');
    }
    const [x, y, w, h] = bbox as number[];
    const box = { x: x!, y: y!, w: w!, h: h! };
    const wrong = boxProblem(box, image.width, image.height);
    if (wrong) return at(`${field}.bbox`, `${wrong} "${image.fileName}"`);
    if (a.score !== undefined && !(typeof a.score === 'number' && a.score >= 0 && a.score <= 1)) return at(`${field}.score`, 'score must be a number from 0 to 1');
    const attributes = isRecord(a.attributes) ? a.attributes : {};
    const status = typeof attributes.status === 'string' && STATUSES.includes(attributes.status) ? (attributes.status as AnnotationStatus) : undefined;
    annotations.push({
      imageFileName: image.fileName,
      label,
      box: clipBox(box, image.width, image.height),
      origin: `${file} ${field}`,
      ...(typeof a.score === 'number' ? { score: a.score } : {}),
      ...(status ? { status } : {}),
      ...(isSource(attributes.source) ? { source: attributes.source } : {}),
    });
  });
  problems.throwIfAny();
  const labels = [...new Set([...labelsById.entries()].sort(([a], [b]) => a - b).map(([, name]) => name))];
  return { labels, images: [...imagesById.values()], annotations };
}
