import { useEffect } from 'react';
import { runShortcut } from './editor/shortcuts';

const NOT_TYPING = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'file']);

/** Keys go to the app unless the user is typing (text fields, selects, editable content). */
const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement && !NOT_TYPING.has(target.type)));

/** The app's keys, all listed in one table (editor/shortcuts.ts) that the `?` overlay shows too. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInto(e.target) || e.altKey) return;
      if (e.key === 'Enter' && e.target instanceof HTMLButtonElement) return; // the button's own click
      if (runShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
