/** One thing wrong in a dataset: the file, where in it (line or field), and what. */
export interface DatasetProblem {
  file: string;
  /** 1-based line number, where the format has lines that mean something (YOLO, CSV, XML, JSON syntax). */
  line?: number;
  /** A field path such as "annotations[3].bbox" or "object[2]/bndbox/xmax". */
  field?: string;
  message: string;
}

export function describeProblem(p: DatasetProblem): string {
  const where = [p.line !== undefined ? `line ${p.line}` : '', p.field ?? ''].filter(Boolean).join(', ');
  return `${p.file}${where ? ` (${where})` : ''}: ${p.message}`;
}

const SHOWN = 20;

/**
 * A dataset refused as a whole: nothing of it is imported. Lists every problem found, not only the first, so
 * one round of fixing is enough.
 */
export class DatasetError extends Error {
  override name = 'DatasetError';
  readonly problems: readonly DatasetProblem[];

  constructor(problems: readonly DatasetProblem[]) {
    const lines = problems.slice(0, SHOWN).map(describeProblem);
    if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more`);
    const head = problems.length === 1 ? 'the dataset has a problem; nothing was imported' : `the dataset has ${problems.length} problems; nothing was imported`;
    super(`${head}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Collects problems while a parser goes on reading, then refuses the whole set if there were any. */
export class ProblemList {
  readonly items: DatasetProblem[] = [];

  add(file: string, message: string, where: { line?: number; field?: string } = {}): void {
    this.items.push({ file, message, ...where });
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new DatasetError(this.items);
  }
}
