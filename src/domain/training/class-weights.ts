/**
 * Weights that make every class count as much in the loss as if the classes were equally common:
 * w_c = N / (K · n_c) for N examples in K classes, n_c of class c (the "balanced" rule). A class without examples
 * gets 0 (it cannot be weighted up from nothing).
 */
export function balancedClassWeights(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const present = counts.filter((n) => n > 0).length;
  return counts.map((n) => (n > 0 ? total / (present * n) : 0));
}

/** How many examples of each class (0 … classes − 1) the labels hold. */
export function classCounts(labels: readonly number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of labels) counts[label]!++;
  return counts;
}
