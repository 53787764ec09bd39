// The baseline the trained head must beat: each validation example takes the label most common among its k most
// similar training examples (cosine similarity of the embeddings). No training, so it shows what the embeddings alone give.

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** Cosine similarity; 0 when either vector is all zeros. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>, normA = norm(a), normB = norm(b)): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (normA * normB);
}

/**
 * Predicts each query's class by a vote of its k nearest training examples. Ties between classes go to the class
 * whose voters are more similar in sum, then to the lower class index; among equally similar neighbours the earlier
 * training example counts first.
 */
export function knnPredict(train: readonly ArrayLike<number>[], trainLabels: readonly number[], queries: readonly ArrayLike<number>[], k: number): number[] {
  if (train.length === 0) throw new RangeError('k-NN needs at least one training example');
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number of at least 1, got ${k}`);
  const norms = train.map(norm);
  return queries.map((query) => {
    const qn = norm(query);
    const neighbours = train
      .map((t, i) => ({ i, similarity: cosine(query, t, qn, norms[i]) }))
      .sort((a, b) => b.similarity - a.similarity || a.i - b.i)
      .slice(0, k);
    const votes = new Map<number, { count: number; similarity: number }>();
    for (const { i, similarity } of neighbours) {
      const label = trainLabels[i]!;
      const v = votes.get(label) ?? { count: 0, similarity: 0 };
      v.count++;
      v.similarity += similarity;
      votes.set(label, v);
    }
    return [...votes].sort(([la, a], [lb, b]) => b.count - a.count || b.similarity - a.similarity || la - lb)[0]![0];
  });
}
