import { ProblemList } from '../../dataset/errors';
import { dict, hasOwn } from '../../dict';

/** The values of the YAML subset a YOLO data.yaml uses: scalars, flow or block lists, maps of index → name. */
export type YamlValue = string | null | string[] | Record<string, string>;

/**
 * Reads the flat YAML of an ultralytics data.yaml: top-level `key: value` pairs whose values are scalars,
 * flow lists (`[a, 'b']`), block lists (`- a`) or block maps (`0: a`). Anything else is refused with its line.
 */
export function parseSimpleYaml(text: string, file: string): Record<string, YamlValue> {
  const problems = new ProblemList();
  const result = dict<YamlValue>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let open: { key: string; line: number } | null = null;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = stripComment(raw).trimEnd();
    if (content.trim() === '' || content.trim() === '---') continue;
    const indented = /^\s/.test(content);
    if (indented) {
      if (!open) {
        problems.add(file, 'indented line outside a list or map', { line });
        continue;
      }
      const item = content.trim();
      const current = result[open.key];
      if (item.startsWith('- ') || item === '-') {
        if (current !== null && !Array.isArray(current)) problems.add(file, `mixed list and map items under "${open.key}"`, { line });
        else result[open.key] = [...(current ?? []), scalar(item.slice(1).trim(), file, line, problems) ?? ''];
      } else {
        const pair = splitPair(item);
        if (!pair) problems.add(file, `expected "- item" or "key: value" under "${open.key}"`, { line });
        else if (Array.isArray(current)) problems.add(file, `mixed list and map items under "${open.key}"`, { line });
        else result[open.key] = dict([...Object.entries((current as Record<string, string> | null) ?? {}), [unquote(pair[0]), scalar(pair[1], file, line, problems) ?? '']]);
      }
      continue;
    }
    const pair = splitPair(content);
    if (!pair) {
      problems.add(file, 'expected "key: value"', { line });
      continue;
    }
    const [key, value] = pair;
    if (hasOwn(result, key)) problems.add(file, `"${key}" is given twice`, { line });
    if (value === '') {
      result[key] = null;
      open = { key, line };
    } else {
      result[key] = value.startsWith('[') ? flowList(value, file, line, problems) : scalar(value, file, line, problems);
      open = null;
    }
  }
  problems.throwIfAny();
  return result;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

function splitPair(text: string): [string, string] | null {
  const match = /^("[^"]*"|'[^']*'|[^:'"]+?)\s*:(?:\s+(.*)|)$/.exec(text.trim());
  return match ? [unquote(match[1]!.trim()), (match[2] ?? '').trim()] : null;
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return text;
}

function scalar(text: string, file: string, line: number, problems: ProblemList): string | null {
  if (text === '' || text === '~' || text === 'null') return null;
  if (/^["']/.test(text) && !(text.length >= 2 && text.endsWith(text[0]!))) problems.add(file, `unterminated quoted string ${text}`, { line });
  if (/^[{&*!|>]/.test(text)) problems.add(file, `YAML feature not supported here: ${text}`, { line });
  return unquote(text);
}

function flowList(text: string, file: string, line: number, problems: ProblemList): string[] {
  if (!text.endsWith(']')) {
    problems.add(file, 'a list that starts with [ must end with ] on the same line', { line });
    return [];
  }
  const items: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const c of text.slice(1, -1)) {
    if (quote) {
      current += c;
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      current += c;
      quote = c;
    } else if (c === ',') {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() !== '' || items.length > 0) items.push(current.trim());
  return items.map((item) => scalar(item, file, line, problems) ?? '');
}

const plain = /^[A-Za-z0-9_./-][A-Za-z0-9_ ./-]*$/;

/** A scalar as YAML, quoted when it would otherwise read differently (numbers, booleans, colons, #). */
export function yamlScalar(value: string): string {
  const ambiguous = /^(true|false|yes|no|on|off|null|~|[-+]?[\d.]+(e[-+]?\d+)?)$/i.test(value);
  return plain.test(value) && !ambiguous && value.trim() === value ? value : `'${value.replace(/'/g, "''")}'`;
}
