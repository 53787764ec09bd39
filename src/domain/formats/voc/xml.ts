import { ProblemList } from '../../dataset/errors';
import { dict, own } from '../../dict';

/** An element of the small XML subset VOC uses: tags, attributes, text; no namespaces or DTDs. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

const ENTITIES = dict<string>(Object.entries({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }));

/** VOC nests four deep; far deeper is not an annotation file, and recursion that deep would overflow the stack. */
const MAX_DEPTH = 64;

/** XML 1.0's Char production: tab, line breaks and the rest of Unicode but surrogates, U+FFFE and U+FFFF. */
const isXmlChar = (code: number) =>
  code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Writes an element tree with two-space indentation; a value is text, an array is repeated children. */
export type XmlNode = [name: string, content: string | number | XmlNode[]];

export function writeXml(root: XmlNode): string {
  const write = ([name, content]: XmlNode, indent: string): string =>
    Array.isArray(content)
      ? `${indent}<${name}>\n${content.map((child) => write(child, `${indent}\t`)).join('')}${indent}</${name}>\n`
      : `${indent}<${name}>${escapeXml(String(content))}</${name}>\n`;
  return write(root, '');
}

/**
 * A strict parser for that subset: an optional declaration, comments, one root element, nested elements
 * with attributes, text with the five named entities and numeric references, CDATA. Anything malformed
 * (an unclosed or mismatched tag, a stray '<', an unknown entity) is reported with its line.
 */
export function parseXml(text: string, file: string): XmlElement {
  const problems = new ProblemList();
  let pos = 0;
  let line = 1;
  const fail = (message: string): never => {
    problems.add(file, `malformed XML: ${message}`, { line });
    problems.throwIfAny();
    throw new Error(message);
  };
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (text.charCodeAt(i) === 10) line++;
    pos = to;
  };
  const skipUntil = (end: string, what: string) => {
    const at = text.indexOf(end, pos);
    if (at < 0) fail(`${what} is not closed (no "${end}")`);
    advance(at + end.length);
  };
  const decode = (raw: string): string =>
    raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);|&/g, (whole, ref: string | undefined) => {
      if (!ref) return fail('a bare "&" (write &amp;)');
      if (ref.startsWith('#')) {
        const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return isXmlChar(code) ? String.fromCodePoint(code) : fail(`${whole} is not a character XML allows`);
      }
      return own(ENTITIES, ref) ?? fail(`unknown entity ${whole}`);
    });
  const skipMisc = () => {
    for (;;) {
      const ws = at(WS)![0].length;
      advance(pos + ws);
      if (text.startsWith('<?', pos)) skipUntil('?>', 'a declaration');
      else if (text.startsWith('<!--', pos)) skipUntil('-->', 'a comment');
      else if (text.startsWith('<!DOCTYPE', pos)) fail('DOCTYPE is not supported');
      else return;
    }
  };
  /** Matches a sticky pattern at the current position (no copying of the rest of the text). */
  const at = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = pos;
    return pattern.exec(text);
  };
  const WS = /\s*/y;
  const NAME = /[A-Za-z_][\w.:-]*/y;
  const ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/y;
  const CLOSE = /<\/([A-Za-z_][\w.:-]*)\s*>/y;

  const element = (depth: number): XmlElement => {
    if (text[pos] !== '<') fail(`expected an element, found "${text.slice(pos, pos + 10)}"`);
    if (depth > MAX_DEPTH) fail(`elements nested more than ${MAX_DEPTH} deep`);
    const start = line;
    advance(pos + 1);
    const name = at(NAME)?.[0] ?? fail('expected a tag name after "<"');
    advance(pos + name.length);
    const attributes = dict<string>();
    for (;;) {
      advance(pos + at(WS)![0].length);
      if (text.startsWith('/>', pos)) {
        advance(pos + 2);
        return { name, attributes, children: [], text: '', line: start };
      }
      if (text[pos] === '>') {
        advance(pos + 1);
        break;
      }
      const attr = at(ATTR);
      if (!attr) fail(`malformed attribute in <${name}>`);
      attributes[attr![1]!] = decode(attr![3] ?? attr![4] ?? '');
      advance(pos + attr![0].length);
    }
    const children: XmlElement[] = [];
    let content = '';
    for (;;) {
      if (pos >= text.length) fail(`<${name}> (line ${start}) is never closed`);
      if (text.startsWith('</', pos)) {
        const close = at(CLOSE);
        if (!close) fail('malformed closing tag');
        if (close![1] !== name) fail(`</${close![1]}> closes <${name}> (line ${start})`);
        advance(pos + close![0].length);
        return { name, attributes, children, text: content.trim(), line: start };
      }
      if (text.startsWith('<!--', pos)) skipUntil('-->', 'a comment');
      else if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos);
        if (end < 0) fail('CDATA is not closed');
        content += text.slice(pos + 9, end);
        advance(end + 3);
      } else if (text[pos] === '<') children.push(element(depth + 1));
      else {
        const next = text.indexOf('<', pos);
        const end = next < 0 ? text.length : next;
        content += decode(text.slice(pos, end));
        advance(end);
      }
    }
  };

  skipMisc();
  if (pos >= text.length) fail('the file is empty');
  const root = element(1);
  skipMisc();
  if (pos < text.length) fail('content after the root element');
  return root;
}

export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
