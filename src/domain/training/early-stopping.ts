export interface EarlyStoppingRule {
  /** Epochs without improvement after which training stops. */
  patience: number;
  /** A validation loss must be at least this much below the best to count as better. */
  minDelta: number;
}

export interface EarlyStoppingState {
  bestLoss: number;
  /** The epoch (1-based) whose weights are kept; 0 before the first epoch. */
  bestEpoch: number;
  /** Epochs since the best one. */
  waited: number;
}

export const EARLY_STOPPING_START: EarlyStoppingState = { bestLoss: Number.POSITIVE_INFINITY, bestEpoch: 0, waited: 0 };

/**
 * One epoch's validation loss judged: better than the best by more than minDelta makes it the best (its weights are
 * the ones kept), otherwise one more epoch waited; training stops once `patience` epochs in a row were no better.
 * A loss that is not a number never counts as better.
 */
export function judgeEpoch(state: EarlyStoppingState, epoch: number, valLoss: number, rule: EarlyStoppingRule): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  const improved = Number.isFinite(valLoss) && valLoss < state.bestLoss - rule.minDelta;
  const next = improved ? { bestLoss: valLoss, bestEpoch: epoch, waited: 0 } : { ...state, waited: state.waited + 1 };
  return { state: next, improved, stop: next.waited >= rule.patience };
}
