import { ProblemList } from '../../dataset/errors';

/** A field as RFC 4180 writes it: quoted (with doubled quotes) when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvRow = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

export interface CsvRecord {
  fields: string[];
  /** Line on which the record starts (a quoted field may span lines). */
  line: number;
}

/** Splits RFC 4180 text into records; an unterminated quote or a quote inside an unquoted field is refused. */
export function parseCsv(text: string, file: string): CsvRecord[] {
  const problems = new ProblemList();
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ fields, line: start });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '' && !quotedField) {
      const quoteLine = line;
      quotedField = true;
      i++;
      for (;;) {
        if (i >= text.length) {
          problems.add(file, 'a quoted field is never closed', { line: quoteLine });
          problems.throwIfAny();
        }
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      if (i < text.length && !/[,\r\n]/.test(text[i]!)) {
        problems.add(file, 'text after a closing quote (a quote inside a field must be doubled)', { line });
        problems.throwIfAny();
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      if (c === '"') {
        problems.add(file, 'a quote inside an unquoted field (quote the field and double the quote)', { line });
        problems.throwIfAny();
      }
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}
