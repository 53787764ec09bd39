import { useEffect } from 'react';
import { keyBelongsToFocus, onCanvasOrPage } from './common/focus-keys';
import { runShortcut } from './editor/shortcuts';

/**
 * The app's keys, all listed in one table (editor/shortcuts.ts) that the `?` overlay shows too. They act on the
 * canvas or the page; a focused field, slider, select, list, menu or tab keeps its own keys, and Tab moves the focus
 * anywhere but on the canvas.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog owns every key, even when its focused button went away and the focus fell to the page.
      if (e.altKey || keyBelongsToFocus(e) || document.querySelector('dialog:modal')) return;
      if (e.key === 'Tab' && !onCanvasOrPage(e.target)) return;
      if (runShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
