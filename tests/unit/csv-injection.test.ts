import { describe, expect, it } from 'vitest';
import { exportDataset, importDataset } from '../../src/domain/dataset/codec';
import { DatasetError } from '../../src/domain/dataset/errors';
import type { Dataset } from '../../src/domain/dataset/model';
import { csvField, parseCsv, restoreCell } from '../../src/domain/formats/csv/rfc4180';

const HYPERLINK = '=HYPERLINK("http://x","y")';

const hostile: Dataset = {
  labels: [HYPERLINK, '+cmd', '-2+3', '@SUM(A1)', '\tlabel', "'=quoted", "'plain", '-1.5'],
  images: [
    { fileName: '=1+1.png', width: 100, height: 100, tags: ['=tag', 'ok'] },
    { fileName: 'b.png', width: 100, height: 100 },
  ],
  annotations: [
    { imageFileName: '=1+1.png', label: HYPERLINK, box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: '=1+1.png', label: '+cmd', box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: '-2+3', box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: '@SUM(A1)', box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: '\tlabel', box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: "'=quoted", box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: "'plain", box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
    { imageFileName: 'b.png', label: '-1.5', box: { x: 1, y: 2, w: 3, h: 4 }, status: 'accepted' },
  ],
};

describe('CSV formula injection', () => {
  it('a cell a spreadsheet would run gets a leading quote and is quoted; numbers stay numbers', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField(HYPERLINK)).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe('+1');
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('-12.5+1')).toBe(`"'-12.5+1"`);
    expect(csvField('@x')).toBe(`"'@x"`);
    expect(csvField('\tx')).toBe(`"'\tx"`);
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField("'=x")).toBe(`"''=x"`);
    expect(csvField("'x")).toBe("'x");
    expect(csvField('cat')).toBe('cat');
  });

  it('the export writes no cell that starts a formula, and reads back to the original text', () => {
    const { files } = exportDataset('csv', hostile);
    const text = files['annotations.csv']!;
    const cells = parseCsv(text, 'annotations.csv').flatMap((r) => r.fields);
    const formulaStarts = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(formulaStarts).toEqual([]);
    expect(cells).toContain(`'${HYPERLINK}`);
    expect(cells).toContain("'=1+1.png");
    expect(cells).toContain("'=tag|ok");

    const back = importDataset('csv', files, new Map());
    expect(back.labels).toEqual(hostile.labels);
    expect(back.images.map((i) => [i.fileName, i.tags])).toEqual([
      ['=1+1.png', ['=tag', 'ok']],
      ['b.png', undefined],
    ]);
    expect(back.annotations.map((a) => [a.imageFileName, a.label])).toEqual(hostile.annotations.map((a) => [a.imageFileName, a.label]));
  });

  it('restoreCell undoes exactly one guard', () => {
    for (const text of ['=x', "'=x", "''=x", "'x", 'x', '-1', "'-1"]) expect(restoreCell(csvField(text).replace(/^"|"$/g, '').replace(/""/g, '"'))).toBe(text);
  });
});

describe('exports name images as they write them', () => {
  it('COCO and CSV: a "../" or folder path becomes the base name the image is written under', () => {
    const set: Dataset = {
      labels: ['cat'],
      images: [{ fileName: '../../etc/x.png', width: 10, height: 10 }, { fileName: 'sub/y.png', width: 10, height: 10 }],
      annotations: [{ imageFileName: '../../etc/x.png', label: 'cat', box: { x: 1, y: 1, w: 2, h: 2 } }],
    };
    const coco = exportDataset('coco', set);
    const json = JSON.parse(coco.files['annotations.json']!) as { images: { file_name: string }[] };
    expect(json.images.map((i) => i.file_name)).toEqual(['x.png', 'y.png']);
    expect([...coco.imagePaths.values()]).toEqual([['images/x.png'], ['images/y.png']]);
    const csv = exportDataset('csv', set);
    expect(csv.files['annotations.csv']).toMatch(/\r\nx\.png,cat,/);
    expect(csv.files['annotations.csv']).toMatch(/\r\ny\.png,,/);
    expect(csv.files['annotations.csv']).not.toContain('..');
  });

  it('two images that would be written under one name refuse the set, both named', () => {
    const set: Dataset = {
      labels: [],
      images: [{ fileName: 'a/x.png', width: 10, height: 10 }, { fileName: 'b/x.png', width: 10, height: 10 }],
      annotations: [],
    };
    for (const format of ['coco', 'csv'] as const) {
      expect(() => exportDataset(format, set)).toThrow(DatasetError);
      expect(() => exportDataset(format, set)).toThrow('"a/x.png" and "b/x.png" would both be written as x.png; rename one');
    }
    expect(() => exportDataset('voc', set)).toThrow('would share Annotations/x.xml');
  });
});
