import { describe, expect, it } from 'vitest';
import { importDataset } from '../../src/domain/dataset/codec';
import { DatasetError, type DatasetProblem } from '../../src/domain/dataset/errors';

function vocProblems(xml: string): DatasetProblem[] {
  try {
    importDataset('voc', { 'Annotations/a.xml': xml }, new Map());
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return [...(error as DatasetError).problems];
  }
  throw new Error('accepted');
}

describe('VOC errors name the file and line', () => {
  it('a character reference outside Unicode, or one XML forbids', () => {
    expect(vocProblems('<annotation>\n<filename>&#x110000;</filename></annotation>')).toEqual([
      { file: 'Annotations/a.xml', line: 2, message: 'malformed XML: &#x110000; is not a character XML allows' },
    ]);
    expect(vocProblems('<annotation><filename>&#0;&#xD800;</filename></annotation>')[0]!.message).toBe('malformed XML: &#0; is not a character XML allows');
    expect(vocProblems('<annotation><filename>&#99999999999999999999;</filename></annotation>')[0]!.message).toMatch(/is not a character XML allows/);
  });

  it('200,000 nested elements: refused by depth, no stack overflow', () => {
    const depth = 200_000;
    const xml = `<annotation>\n${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</annotation>`;
    const problems = vocProblems(xml);
    expect(problems).toEqual([{ file: 'Annotations/a.xml', line: 2, message: 'malformed XML: elements nested more than 64 deep' }]);
  });
});
