import { epsgForEsriName } from './crs-definitions';
import { type Crs, GeoreferenceError } from './georeference';

/** A WKT node: keyword, then its arguments (quoted strings, bare numbers or words, child nodes). */
interface WktNode {
  keyword: string;
  args: (string | WktNode)[];
}

/** Real WKT nests about six deep; this bounds the recursion (and the stack) for a file that is not WKT. */
const MAX_DEPTH = 64;

/** Reads WKT 1 or WKT 2 into a tree; brackets and parentheses both delimit, "" inside a string is a quote. */
function parseWkt(text: string): WktNode {
  let at = 0;
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const fail = (what: string): never => {
    throw new GeoreferenceError(`not WKT: ${what} at character ${at + 1}`);
  };
  const node = (depth: number): WktNode => {
    if (depth > MAX_DEPTH) fail(`nodes nested more than ${MAX_DEPTH} deep`);
    skip();
    const start = at;
    while (at < text.length && /[A-Za-z0-9_]/.test(text[at]!)) at++;
    const keyword = text.slice(start, at);
    if (!keyword) fail('expected a keyword');
    skip();
    if (text[at] !== '[' && text[at] !== '(') return { keyword, args: [] };
    const close = text[at] === '[' ? ']' : ')';
    at++;
    const args: (string | WktNode)[] = [];
    skip();
    if (text[at] === close) {
      at++;
      return { keyword, args };
    }
    for (;;) {
      skip();
      if (text[at] === '"') {
        let value = '';
        for (at++; ; at++) {
          if (at >= text.length) fail('unterminated string');
          if (text[at] === '"' && text[at + 1] === '"') value += text[at++];
          else if (text[at] === '"') break;
          else value += text[at];
        }
        at++;
        args.push(value);
      } else if (/[-+.\d]/.test(text[at] ?? '')) {
        const start = at;
        while (at < text.length && /[-+.\deE]/.test(text[at]!)) at++;
        args.push(text.slice(start, at));
      } else {
        const child = node(depth + 1);
        args.push(child.args.length === 0 ? child.keyword : child);
      }
      skip();
      if (text[at] === ',') at++;
      else if (text[at] === close) {
        at++;
        return { keyword, args };
      } else fail(`expected "," or "${close}"`);
    }
  };
  const root = node(1);
  skip();
  if (root.args.length === 0) fail(`expected "[" after ${root.keyword}`);
  if (at < text.length) fail('text after the closing bracket');
  return root;
}

const AUTHORITY_KEYWORDS = new Set(['AUTHORITY', 'ID']);

/**
 * The CRS a .prj (or any WKT) names: its EPSG code when the top-level node (PROJCS, PROJCRS, GEOGCS, …)
 * carries AUTHORITY["EPSG","25832"] or ID["EPSG",25832] itself (codes of nested nodes, such as the datum or
 * base CRS, do not name the whole); for an ESRI-style .prj without authority, the EPSG code of a few
 * well-known names; otherwise the WKT as it is. Throws GeoreferenceError naming the file for text that is
 * not WKT.
 */
export function crsFromPrj(text: string, fileName = '.prj'): Crs {
  const wkt = text.replace(/^\uFEFF/, '').trim();
  let root: WktNode;
  try {
    root = parseWkt(wkt);
  } catch (error) {
    throw new GeoreferenceError(`${fileName}: ${(error as Error).message}`, { cause: error });
  }
  for (const arg of root.args) {
    if (typeof arg === 'string' || !AUTHORITY_KEYWORDS.has(arg.keyword.toUpperCase())) continue;
    const [authority, code] = arg.args;
    if (typeof authority === 'string' && authority.toUpperCase() === 'EPSG' && typeof code === 'string' && /^\d+$/.test(code)) {
      return { epsg: Number(code) };
    }
  }
  const name = root.args[0];
  const esri = typeof name === 'string' ? epsgForEsriName(name) : undefined;
  return esri !== undefined ? { epsg: esri } : { wkt };
}
