import { useEffect, useMemo } from 'react';
import { keyBelongsToFocus } from '../common/focus-keys';
import type { MenuItem } from '../common/Menu';
import { actionById, dispatchKey, runAction } from './index';
import { shownChord } from './keys';

/** The keys of an action as the `?` overlay and tooltips write them. */
export function shownKeys(id: string): string {
  const action = actionById(id);
  return action.shownKeys ?? action.keys.map(shownChord).join(' / ');
}

/** What a button needs to run an action and say its keys; `title` is the tooltip's words before the keys. */
export function actionButton(id: string, title?: string) {
  const keys = shownKeys(id);
  return { onClick: () => runAction(id), 'aria-keyshortcuts': actionById(id).keys.join(' '), title: title ? `${title} (${keys})` : keys };
}

/** A menu item that runs an action and shows its key. */
export function actionItem(id: string, item: Omit<MenuItem, 'onSelect' | 'shortcut'>): MenuItem {
  return { ...item, onSelect: () => runAction(id), shortcut: actionById(id).keys.join(' ') };
}

/** actionButton for a component, the same object from one render to the next. */
export function useAction(id: string, title?: string) {
  return useMemo(() => actionButton(id, title), [id, title]);
}

/**
 * The app's keys. They act on the canvas or the page: a focused field, slider, select, list, menu or tab keeps its
 * own keys (focus-keys.ts), and a modal dialog all of them.
 */
export function useActionKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog owns every key, even when its focused button went away and the focus fell to the page.
      if (e.altKey || keyBelongsToFocus(e) || document.querySelector('dialog:modal')) return;
      if (dispatchKey(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
