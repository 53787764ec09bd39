import { type Action, type ActionContext, CONTEXTS } from './action';
import { EDIT } from './edit';
import { IMAGES } from './images';
import { type Chord, type KeyPress, matches, overlaps, parseChord } from './keys';
import { REVIEW } from './review';
import { RUN } from './run';
import { actionState, activeContexts } from './state';
import { VIEW } from './view';

export { GESTURES } from './view';

/** Every action of the app: keys, buttons, menu items and the `?` overlay all read this one table. */
export const ACTIONS: readonly Action[] = [...EDIT, ...REVIEW, ...IMAGES, ...VIEW, ...RUN];

const chords = new Map<Action, Chord[]>(ACTIONS.map((a) => [a, a.keys.map(parseChord)]));
const chordsOf = (a: Action) => chords.get(a) ?? a.keys.map(parseChord);

export function actionById(id: string): Action {
  const action = ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`no action ${id}`);
  return action;
}

/** The action of the most specific active context that has one for the key (whether or not it is enabled now). */
export function findAction(e: KeyPress, active: ReadonlySet<ActionContext>, table: readonly Action[] = ACTIONS): Action | undefined {
  for (const context of CONTEXTS) {
    if (!active.has(context)) continue;
    const hit = table.find((a) => a.context === context && chordsOf(a).some((c) => matches(c, e)));
    if (hit) return hit;
  }
  return undefined;
}

/** Runs the key's action if it is enabled; returns whether one ran. */
export function dispatchKey(e: KeyboardEvent): boolean {
  const s = actionState(e.target);
  const action = findAction(e, activeContexts(s));
  if (!action || (action.enabled && !action.enabled(s))) return false;
  action.perform(s, e);
  return true;
}

/** Runs an action from a button or menu item. */
export function runAction(id: string): void {
  const action = actionById(id);
  const s = actionState(typeof document === 'undefined' ? null : document.activeElement);
  if (!action.enabled || action.enabled(s)) action.perform(s);
}

/** Pairs of actions that claim one key press in one context: the dispatcher could not tell them apart. */
export function keyConflicts(table: readonly Action[] = ACTIONS): string[] {
  const found: string[] = [];
  table.forEach((a, i) =>
    table.slice(i + 1).forEach((b) => {
      if (a.context !== b.context) return;
      for (const x of a.keys) for (const y of b.keys) if (overlaps(parseChord(x), parseChord(y))) found.push(`${a.id} and ${b.id} both take ${x} (${y}) in ${a.context}`);
    }),
  );
  return found;
}
