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

/** The latest step: its last change and, when it was a group, the changes before it that share its group. */
function lastStep(changes: readonly Change[]): number {
  const last = changes.at(-1);
  if (!last) return 0;
  let n = 1;
  while (last.group && changes.at(-1 - n)?.group === last.group) n++;
  return n;
}

/** Records a group of changes (one per image) as one step. */
export function recordGroup(history: History, changes: readonly Change[], group: string, limit = DEFAULT_HISTORY_LIMIT): History {
  return { done: [...history.done, ...changes.map((c) => ({ ...c, group }))].slice(-limit), undone: [] };
}

/**
 * The inverse of the latest step, to apply and audit, or undefined when there is nothing to undo. `change` is its
 * (last) change; `changes` every change of the step, in the order to apply them (a group is undone newest first).
 */
export function undo(history: History, actor: Source, at: string): { history: History; change: Change; changes: Change[] } | undefined {
  const n = lastStep(history.done);
  if (n === 0) return undefined;
  const step = history.done.slice(-n);
  const changes = [...step].reverse().map((c) => invertChange(c, `undo:${baseAction(c.action)}`, actor, at));
  return {
    history: { done: history.done.slice(0, -n), undone: [...history.undone, ...step] },
    change: changes[0]!,
    changes,
  };
}

/** The latest undone step again, to apply and audit, or undefined when there is nothing to redo. */
export function redo(history: History, actor: Source, at: string): { history: History; change: Change; changes: Change[] } | undefined {
  const n = lastStep(history.undone);
  if (n === 0) return undefined;
  const step = history.undone.slice(-n);
  const changes = step.map((c): Change => ({ ...c, action: `redo:${baseAction(c.action)}`, actor, at }));
  return {
    history: { done: [...history.done, ...step], undone: history.undone.slice(0, -n) },
    change: changes.at(-1)!,
    changes,
  };
}

export const canUndo = (history: History): boolean => history.done.length > 0;
export const canRedo = (history: History): boolean => history.undone.length > 0;
