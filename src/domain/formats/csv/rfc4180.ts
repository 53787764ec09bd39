import { ProblemList } from '../../dataset/errors';

// Spreadsheet programs run a cell that starts with one of these as a formula (OWASP "CSV injection"). Leading
// quotes count too, so that a text that really starts with a quote before one of them survives the round trip.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * A cell a spreadsheet shows as text, never runs: one that would start a formula gets a leading single quote
 * (plain numbers such as -1.5 stay numbers). restoreCell undoes it exactly.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The text neutraliseCell was given: one leading quote before a formula character goes. */
export function restoreCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

/**
 * A field as RFC 4180 writes it: quoted (with doubled quotes) when it holds a comma, quote or line break, and
 * neutralised (then quoted) when a spreadsheet would take it for a formula. Every CSV the workbench writes goes
 * through here.
 */
export function csvField(value: string): string {
  const cell = neutraliseCell(value);
  const quote = cell !== value || /[",\r\n]/.test(cell) || cell !== cell.trim();
  return quote ? `"${cell.replace(/"/g, '""')}"` : cell;
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
