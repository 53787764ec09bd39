import { useEffect } from 'react';
import { useDetection } from '../state/detection';
import { useLibrary } from '../state/library';
import { useReview } from '../state/review';

const NOT_TYPING = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'file']);

/** Keys go to the app unless the user is typing (text fields, selects, editable content). */
const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'SELECT' ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement && !NOT_TYPING.has(target.type)));

/** Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo. */
function editKeys(e: KeyboardEvent): boolean {
  const review = useReview.getState();
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) void review.undo();
  else if ((key === 'z' && e.shiftKey) || key === 'y') void review.redo();
  else return false;
  return true;
}

/** Keys without modifiers; returns whether the key was used. */
function plainKeys(e: KeyboardEvent): boolean {
  const library = useLibrary.getState();
  const detection = useDetection.getState();
  const review = useReview.getState();
  const current = library.images.find((i) => i.sha256 === library.selected);
  const result = current && detection.results[current.sha256];
  const reviewing = current && review.imageSha256 === current.sha256 && review.annotations.length > 0;
  if (e.key === 'ArrowRight' || e.key === 'f') library.step(1);
  else if (e.key === 'ArrowLeft' || e.key === 'd') library.step(-1);
  else if (e.key === 'u') library.nextUnreviewed();
  else if (e.key === 'Enter' && e.shiftKey) void library.reviewedAndNext();
  else if (e.key === 'r' && current) void detection.detect(current);
  else if (e.key === 'R') void detection.detectAll(library.images);
  else if (e.key === 'p' && detection.batch) void (detection.batch.status === 'running' ? detection.pauseBatch() : detection.resumeBatch());
  else if (e.key === 'Enter' && reviewing) void review.acceptSelected();
  else if (e.key === 'Enter' && current && result && !result.tags) void review.suggest(current.sha256, result, detection.scoreThreshold);
  else if ((e.key === 'Delete' || e.key === 'x') && reviewing) void review.rejectSelected();
  else if (e.key === 'Tab' && reviewing) review.cycle(e.shiftKey ? -1 : 1);
  else if (e.key === 'Escape') {
    void detection.cancelBatch();
    library.cancelImport();
  } else return false;
  return true;
}

/**
 * ←/→ or D/F previous/next image, U next unreviewed, R detect this image, Shift+R detect all, P pause/resume,
 * Esc cancel; review: Enter suggest/accept, Shift+Enter mark reviewed and go on, Delete or X reject,
 * Tab/Shift+Tab next/previous box, Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInto(e.target) || e.altKey) return;
      if (e.key === 'Enter' && e.target instanceof HTMLButtonElement) return; // the button's own click

      if ((e.ctrlKey || e.metaKey ? editKeys : plainKeys)(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
