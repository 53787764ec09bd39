import { describe, expect, it } from 'vitest';
import { importDataset } from '../../src/domain/dataset/codec';
import { DatasetError, type DatasetProblem } from '../../src/domain/dataset/errors';
import type { DatasetFormat, TextFiles } from '../../src/domain/dataset/model';
import { parseSimpleYaml } from '../../src/domain/formats/yolo/yaml';

const known = new Map([
  ['a.jpg', { width: 100, height: 50 }],
  ['b.png', { width: 20, height: 20 }],
]);

function problemsOf(format: DatasetFormat, files: TextFiles): DatasetProblem[] {
  try {
    importDataset(format, files, known);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return [...(error as DatasetError).problems];
  }
  throw new Error('the set was accepted');
}

const coco = (extra: object) =>
  JSON.stringify({ images: [{ id: 1, file_name: 'a.jpg', width: 100, height: 50 }], categories: [{ id: 1, name: 'person' }], annotations: [], ...extra }, null, 1);

describe('bad input is refused as a whole, each problem named by file and line or field', () => {
  it('COCO: malformed JSON names the line', () => {
    const problems = problemsOf('coco', { 'set.json': '{\n "images": [\n  {"id": 1,}\n ]\n}' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'set.json', line: 3 });
    expect(problems[0]!.message).toMatch(/^malformed JSON/);
  });

  it('COCO: unknown category id, unknown image id and a box outside the image, all listed', () => {
    const problems = problemsOf('coco', {
      'set.json': coco({
        annotations: [
          { id: 1, image_id: 1, category_id: 7, bbox: [1, 1, 5, 5], area: 25, iscrowd: 0 },
          { id: 2, image_id: 9, category_id: 1, bbox: [1, 1, 5, 5], area: 25, iscrowd: 0 },
          { id: 3, image_id: 1, category_id: 1, bbox: [90, 10, 20, 5], area: 100, iscrowd: 0 },
          { id: 4, image_id: 1, category_id: 1, bbox: [0, 0, 100.005, 50], area: 5000, iscrowd: 0 },
        ],
      }),
    });
    expect(problems.map((p) => [p.file, p.field, p.message])).toEqual([
      ['set.json', 'annotations[0].category_id', 'unknown category id 7'],
      ['set.json', 'annotations[1].image_id', 'unknown image id 9'],
      ['set.json', 'annotations[2].bbox', 'box x 90, y 10, w 20, h 5 is outside the image (100 × 50) "a.jpg"'],
    ]);
    const message = new DatasetError(problems).message;
    expect(message).toContain('the dataset has 3 problems; nothing was imported');
    expect(message).toContain('set.json (annotations[0].category_id): unknown category id 7');
  });

  it('YOLO: wrong field count, unknown class, out-of-range values, a label file without its image', () => {
    const problems = problemsOf('yolo', {
      'data.yaml': 'names:\n  0: person\n  1: car\n',
      'labels/a.txt': '0 0.5 0.5 0.2 0.2\n1 0.5 0.5 0.2\n\n2 0.5 0.5 0.1 0.1\n0 0.95 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2 0.9\n',
      'labels/zebra.txt': '0 0.5 0.5 0.1 0.1\n',
    });
    expect(problems.map((p) => [p.file, p.line, p.message])).toEqual([
      ['labels/a.txt', 2, 'expected 5 fields (class cx cy w h), got 4'],
      ['labels/a.txt', 4, 'unknown class id 2 (the set has 2 classes, 0 to 1)'],
      ['labels/a.txt', 5, 'coordinates outside the image: normalised values must keep the box within 0–1, got "0.95 0.5 0.2 0.2"'],
      ['labels/a.txt', 6, 'expected 5 fields (class cx cy w h), got 6'],
      ['labels/zebra.txt', undefined, 'no image named zebra.* in the project or in the set'],
    ]);
  });

  it('YOLO: classes.txt works instead of data.yaml; neither is refused', () => {
    expect(importDataset('yolo', { 'classes.txt': 'person\ncar\n', 'labels/b.txt': '1 0.5 0.5 1 1\n' }, known).annotations).toEqual([
      { imageFileName: 'b.png', label: 'car', box: { x: 0, y: 0, w: 20, h: 20 }, origin: 'labels/b.txt line 1' },
    ]);
    expect(problemsOf('yolo', { 'labels/b.txt': '0 0.5 0.5 1 1\n' })[0]!.message).toBe('no data.yaml or classes.txt: the class names are missing');
  });

  it('YAML subset: list, flow list and index map forms; bad lines named', () => {
    expect(parseSimpleYaml("names: ['a', \"b c\", d] # x\ntrain: images/train\n", 'd.yaml')).toEqual({ names: ['a', 'b c', 'd'], train: 'images/train' });
    expect(parseSimpleYaml('names:\n  - a\n  - "x: y"\n', 'd.yaml')).toEqual({ names: ['a', 'x: y'] });
    expect(parseSimpleYaml('names:\n  0: a\n  1: b\n', 'd.yaml')).toEqual({ names: { 0: 'a', 1: 'b' } });
    expect(() => parseSimpleYaml('names:\n  0: a\n  - b\nno colon here\n', 'd.yaml')).toThrow(/d\.yaml \(line 3\): mixed list and map[\s\S]*d\.yaml \(line 4\): expected "key: value"/);
  });

  it('VOC: malformed XML names the line; xmin 0 (not 1-based) and xmax past the width are outside the image', () => {
    const good = (objects: string) =>
      `<annotation>\n<filename>a.jpg</filename>\n<size><width>100</width><height>50</height><depth>3</depth></size>\n${objects}</annotation>\n`;
    const box = (xmin: number, ymin: number, xmax: number, ymax: number) =>
      `<object>\n<name>person</name>\n<bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox>\n</object>\n`;
    const problems = problemsOf('voc', {
      'Annotations/a.xml': good(box(1, 1, 100, 50) + box(0, 1, 10, 10) + box(5, 5, 101, 10)),
      'Annotations/b.xml': '<annotation>\n<filename>b.png</filename>\n<size><width>20</width></height>\n</annotation>\n',
    });
    expect(problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['Annotations/a.xml', 10, 'object[2]/bndbox'],
      ['Annotations/a.xml', 14, 'object[3]/bndbox'],
      ['Annotations/b.xml', 3, undefined],
    ]);
    expect(problems[0]!.message).toBe('coordinates outside the image: VOC pixels run 1 to 100 × 1 to 50, got xmin 0, ymin 1, xmax 10, ymax 10');
    expect(problems[2]!.message).toBe('malformed XML: </height> closes <size> (line 3)');
  });

  it('CSV: an unterminated quote, a bad number and an unknown image, with their lines', () => {
    const header = 'image,label,x,y,w,h\r\n';
    expect(problemsOf('csv', { 'a.csv': `${header}a.jpg,person,1,2,3,4\r\n"a.jpg,person,1,2,3,4\r\n` })).toEqual([
      { file: 'a.csv', line: 3, message: 'a quoted field is never closed' },
    ]);
    const problems = problemsOf('csv', { 'a.csv': `${header}a.jpg,person,1,2,x,4\r\nzebra.jpg,person,1,2,3,4\r\na.jpg,person,1,2\r\n` });
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'x,y,w,h'],
      [3, 'image'],
      [4, '(row)'],
    ]);
  });
});
