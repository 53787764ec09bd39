import type { ActionState } from './state';

/**
 * Where an action applies, most specific first. A key goes to the most specific active context that has an action
 * for it, so two actions may share a key only in different contexts.
 */
export const CONTEXTS = ['tool', 'result-waiting', 'box-selected', 'reviewing', 'image', 'app'] as const;
export type ActionContext = (typeof CONTEXTS)[number];

export type ActionGroup = 'Review' | 'Edit boxes' | 'Images' | 'View' | 'Detection' | 'Evaluation' | 'Training';

/** One thing a person can do by key, button or menu item, and what the `?` overlay says of it. */
export interface Action {
  id: string;
  /** What it does, as the overlay says it. */
  label: string;
  group: ActionGroup;
  context: ActionContext;
  /** Its keys as aria-keyshortcuts writes them: "Control+Shift+Z", "Shift+R", "ArrowRight", "?". */
  keys: readonly string[];
  /** How the overlay writes the keys, where the list of them would say it worse. */
  shownKeys?: string;
  enabled?(s: ActionState): boolean;
  /** The key event is there when a key ran it (the arrows and digits read which key). */
  perform(s: ActionState, e?: KeyboardEvent): void;
}

/** A mouse gesture the overlay lists beside the keys; the viewer handles it. */
export interface Gesture {
  keys: string;
  label: string;
  group: ActionGroup;
}
