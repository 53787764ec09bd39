import type { ClassifierActivation } from '../../domain/model-manifest';
import type { ClassifyParams, Tag } from '../../domain/tag';

export interface ClassifierContext {
  labels: readonly string[];
  activation: ClassifierActivation;
  params: ClassifyParams;
}

/** Softmax over all scores (one label per image); shifted by the maximum so large logits do not overflow. */
function softmax(logits: Float32Array): Float64Array {
  const max = logits.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
  const exps = Float64Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((s, v) => s + v, 0);
  return exps.map((v) => v / sum);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));

/**
 * Turns a classifier's raw output (one score per label, in label order) into the top-k tags, best first.
 * Pure: no tensors. Softmax for one-label-per-image models, sigmoid for multi-label ones, none where the
 * model already outputs probabilities. Labels scoring below minScore, or not a number, are dropped.
 */
export function decodeClassifier(output: Float32Array, { labels, activation, params }: ClassifierContext): Tag[] {
  if (output.length !== labels.length) {
    throw new Error(`classifier: the model gave ${output.length} scores for ${labels.length} labels`);
  }
  const scores = activation === 'softmax' ? softmax(output) : activation === 'sigmoid' ? output.map(sigmoid) : output;
  const tags: Tag[] = [];
  scores.forEach((score, i) => {
    if (score >= params.minScore) tags.push({ label: labels[i]!, score });
  });
  // Array.prototype.sort is stable: equal scores keep the label order.
  return tags.sort((a, b) => b.score - a.score).slice(0, Math.max(0, params.topK));
}
