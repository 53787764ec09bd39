import { clipBox } from '../../geometry';
import type { AnnotationStatus, Source } from '../../annotation';
import { ProblemList } from '../../dataset/errors';
import { baseName, boxProblem, type Dataset, type DatasetAnnotation, type DatasetImage, type KnownImages, type TextFiles } from '../../dataset/model';
import { CSV_COLUMNS } from './export';
import { parseCsv, restoreCell } from './rfc4180';

const REQUIRED = ['image', 'label', 'x', 'y', 'w', 'h'] as const;
const STATUSES: readonly string[] = ['suggested', 'accepted', 'rejected', 'edited'];

/**
 * Reads every `*.csv` in the set: a header naming at least image,label,x,y,w,h (any order; score, status,
 * source, tags, image_width, image_height optional). An image's size comes from its rows or from `known`;
 * a row for an image of unknown size, a box outside its image, a bad number: the whole set is refused.
 */
export function parseCsvSet(files: TextFiles, known: KnownImages = new Map()): Dataset {
  const problems = new ProblemList();
  const images = new Map<string, DatasetImage>();
  const annotations: DatasetAnnotation[] = [];
  const labels: string[] = [];
  const paths = Object.keys(files).filter((p) => p.toLowerCase().endsWith('.csv')).sort();
  if (paths.length === 0) problems.add('(set)', 'no CSV files found');
  for (const path of paths) {
    const [header, ...records] = parseCsv(files[path]!, path);
    if (!header) {
      problems.add(path, 'the file is empty', { line: 1 });
      continue;
    }
    const columns = header.fields.map((f) => f.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !columns.includes(c));
    if (missing.length) {
      problems.add(path, `the header lacks ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`, { line: header.line });
      continue;
    }
    for (const { fields, line } of records) {
      // Cells our writer neutralised against spreadsheet formulas read back as the text they were.
      const get = (column: string) => (columns.includes(column) ? restoreCell((fields[columns.indexOf(column)] ?? '').trim()) : '');
      const at = (field: string, message: string) => problems.add(path, message, { line, field });
      if (fields.length !== columns.length) {
        at('(row)', `expected ${columns.length} fields, got ${fields.length}`);
        continue;
      }
      const fileName = get('image');
      if (fileName === '') {
        at('image', 'empty image name');
        continue;
      }
      let image = images.get(fileName);
      if (!image) {
        const size = sizeOf(get('image_width'), get('image_height')) ?? known.get(baseName(fileName)) ?? known.get(fileName);
        if (!size) {
          at('image', `no image named ${fileName} in the project or in the set, and the row gives no image_width/image_height`);
          continue;
        }
        const tags = get('tags').split('|').map((t) => t.trim()).filter(Boolean);
        image = { fileName, ...size, origin: `${path} line ${line}`, ...(tags.length ? { tags } : {}) };
        images.set(fileName, image);
      }
      const label = get('label');
      if (label === '' && ['x', 'y', 'w', 'h'].every((c) => get(c) === '')) continue; // an image without boxes
      if (label === '') {
        at('label', 'a box needs a label');
        continue;
      }
      const [x, y, w, h] = (['x', 'y', 'w', 'h'] as const).map((c) => Number(get(c) || NaN));
      const box = { x: x!, y: y!, w: w!, h: h! };
      const wrong = boxProblem(box, image.width, image.height);
      if (wrong) {
        at('x,y,w,h', `${wrong} "${fileName}"`);
        continue;
      }
      const score = get('score');
      if (score !== '' && !(Number(score) >= 0 && Number(score) <= 1)) {
        at('score', `score must be a number from 0 to 1, got "${score}"`);
        continue;
      }
      const status = get('status');
      if (status !== '' && !STATUSES.includes(status)) {
        at('status', `status must be one of ${STATUSES.join(', ')}, got "${status}"`);
        continue;
      }
      const source = get('source');
      if (source !== '' && !/^(model|human|import):./.test(source)) {
        at('source', `source must look like model:…, human:… or import:…, got "${source}"`);
        continue;
      }
      if (!labels.includes(label)) labels.push(label);
      annotations.push({
        imageFileName: fileName,
        label,
        box: clipBox(box, image.width, image.height),
        origin: `${path} line ${line}`,
        ...(score !== '' ? { score: Number(score) } : {}),
        ...(status !== '' ? { status: status as AnnotationStatus } : {}),
        ...(source !== '' ? { source: source as Source } : {}),
      });
    }
  }
  problems.throwIfAny();
  return { labels, images: [...images.values()], annotations };
}

function sizeOf(width: string, height: string): { width: number; height: number } | undefined {
  const w = Number(width);
  const h = Number(height);
  return width !== '' && height !== '' && w > 0 && h > 0 ? { width: w, height: h } : undefined;
}
