export interface ClassFigures {
  label: string;
  /** Of the examples predicted as this class, the share that are; null when none was predicted as it. */
  precision: number | null;
  /** Of the examples of this class, the share predicted as it; null when the class has none. */
  recall: number | null;
  /** Examples of this class. */
  support: number;
  /** Examples predicted as this class. */
  predicted: number;
}

export interface ClassificationFigures {
  /** Share of examples predicted right; null for no examples. */
  accuracy: number | null;
  /** Recall averaged over the classes that have examples (every class counts the same, however rare). */
  balancedAccuracy: number | null;
  perClass: ClassFigures[];
  /** confusion[truth][predicted]: example counts. */
  confusion: number[][];
  examples: number;
}

/** Accuracy, per-class precision and recall and the confusion matrix of predictions against the truth (class indices). */
export function classificationFigures(truth: readonly number[], predicted: readonly number[], labels: readonly string[]): ClassificationFigures {
  if (truth.length !== predicted.length) throw new RangeError(`${truth.length} truths but ${predicted.length} predictions`);
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let right = 0;
  truth.forEach((t, i) => {
    const p = predicted[i]!;
    if (!(t >= 0 && t < k && p >= 0 && p < k)) throw new RangeError(`class index out of range at example ${i}: truth ${t}, predicted ${p}`);
    confusion[t]![p]!++;
    if (t === p) right++;
  });
  const perClass = labels.map((label, c) => {
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((n, row) => n + row[c]!, 0);
    const hit = confusion[c]![c]!;
    return { label, precision: predictedAs > 0 ? hit / predictedAs : null, recall: support > 0 ? hit / support : null, support, predicted: predictedAs };
  });
  const recalls = perClass.map((c) => c.recall).filter((r): r is number => r !== null);
  return {
    accuracy: truth.length > 0 ? right / truth.length : null,
    balancedAccuracy: recalls.length > 0 ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null,
    perClass,
    confusion,
    examples: truth.length,
  };
}

/** The index of the largest value (the first of equals). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
