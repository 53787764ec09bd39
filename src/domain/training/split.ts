import { seededRandom } from '../dataset/split';

export interface SplitOptions {
  /** Share of each class held out for validation (0 < val < 1). */
  valFraction: number;
  seed: number;
}

export interface StratifiedSplit {
  /** Indices into the examples given. */
  train: number[];
  val: number[];
}

export class SplitError extends Error {
  override name = 'SplitError';
}

/**
 * Holds out `valFraction` of each class for validation, so every class is measured, however rare. Within a class the
 * examples are ordered by their key first (so the order they come in does not matter), then shuffled with a PRNG
 * seeded by `seed`: the same seed and the same examples give the same split. Each class keeps at least one example
 * on each side: round(n · valFraction), but at least 1 and at most n − 1, go to validation.
 */
export function stratifiedSplit(examples: readonly { label: string; key: string }[], { valFraction, seed }: SplitOptions): StratifiedSplit {
  if (!(valFraction > 0 && valFraction < 1)) throw new SplitError(`the validation share must be between 0 and 1 (exclusive), got ${valFraction}`);
  if (!Number.isInteger(seed)) throw new SplitError(`the seed must be a whole number, got ${seed}`);
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const list = byLabel.get(e.label) ?? [];
    list.push(i);
    byLabel.set(e.label, list);
  });
  const random = seededRandom(seed);
  const train: number[] = [];
  const val: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label)!;
    if (indices.length < 2) throw new SplitError(`"${label}" has ${indices.length} example; a class needs at least 2 to have one on each side of the split`);
    indices.sort((a, b) => (examples[a]!.key < examples[b]!.key ? -1 : examples[a]!.key > examples[b]!.key ? 1 : a - b));
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const held = Math.min(indices.length - 1, Math.max(1, Math.round(indices.length * valFraction)));
    val.push(...indices.slice(0, held));
    train.push(...indices.slice(held));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), val: val.sort(ascending) };
}
