import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const modelsDir = resolve(repoRoot, 'public/models');
const fixturesDir = process.env.WORKBENCH_FIXTURES ?? resolve(repoRoot, '../shared/fixtures/images');
export const fixture = (name: string) => resolve(fixturesDir, name);

const round = (value: unknown): unknown =>
  typeof value === 'number' ? Math.round(value * 100) / 100 : value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]))
    : value;

/** One JSON object per line: name, backend, figures, ratio (where one applies). */
export function emit(line: Record<string, unknown>): void {
  console.log(JSON.stringify(round(line)));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
