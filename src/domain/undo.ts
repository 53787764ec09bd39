import { type Change, type ChangeAction, invertChange, type RecordedAction, type Source } from './annotation';

/** Changes that can be undone (oldest first) and undone ones that can be redone (most recent last). */
export interface History {
  done: readonly Change[];
  undone: readonly Change[];
}

export const emptyHistory: History = { done: [], undone: [] };

export const DEFAULT_HISTORY_LIMIT = 200;

/** The action a change repeats, whether it was recorded as itself, its undo or its redo. */
function baseAction(action: RecordedAction): ChangeAction {
  return action.replace(/^(undo|redo):/, '') as ChangeAction;
}

/** Records a new change; it clears what could be redone. */
export function record(history: History, change: Change, limit = DEFAULT_HISTORY_LIMIT): History {
  return { done: [...history.done, change].slice(-limit), undone: [] };
}

/** The inverse of the latest change, to apply and audit, or undefined when there is nothing to undo. */
export function undo(history: History, actor: Source, at: string): { history: History; change: Change } | undefined {
  const last = history.done.at(-1);
  if (!last) return undefined;
  return {
    history: { done: history.done.slice(0, -1), undone: [...history.undone, last] },
    change: invertChange(last, `undo:${baseAction(last.action)}`, actor, at),
  };
}

/** The latest undone change again, to apply and audit, or undefined when there is nothing to redo. */
export function redo(history: History, actor: Source, at: string): { history: History; change: Change } | undefined {
  const next = history.undone.at(-1);
  if (!next) return undefined;
  return {
    history: { done: [...history.done, next], undone: history.undone.slice(0, -1) },
    change: { ...next, action: `redo:${baseAction(next.action)}`, actor, at },
  };
}

export const canUndo = (history: History): boolean => history.done.length > 0;
export const canRedo = (history: History): boolean => history.undone.length > 0;
