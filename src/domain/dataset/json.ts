import { ProblemList } from './errors';

/** Line (1-based) of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON.parse that names the file and the line of a syntax error (engines give an offset; we count lines). */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /position (\d+)/.exec(message)?.[1];
    const problems = new ProblemList();
    const clean = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
    // "Unexpected end of JSON input" comes without a position: the file stops too early, at its last line.
    const at = offset !== undefined ? Number(offset) : /end of JSON/i.test(message) ? text.trimEnd().length : undefined;
    problems.add(file, `malformed JSON: ${clean}`, at !== undefined ? { line: lineAt(text, at) } : {});
    problems.throwIfAny();
    throw error;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
