import { useEffect } from 'react';
import { useDetection } from '../state/detection';
import { useLibrary } from '../state/library';

const typingInto = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));

/** ←/→ previous/next image, R detect this image, Shift+R detect all, P pause/resume, Esc cancel. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInto(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const library = useLibrary.getState();
      const detection = useDetection.getState();
      const current = library.images.find((i) => i.sha256 === library.selected);
      if (e.key === 'ArrowRight') library.step(1);
      else if (e.key === 'ArrowLeft') library.step(-1);
      else if (e.key === 'r' && current) void detection.detect(current);
      else if (e.key === 'R') void detection.detectAll(library.images);
      else if (e.key === 'p' && detection.batch) {
        void (detection.batch.status === 'running' ? detection.pauseBatch() : detection.resumeBatch());
      } else if (e.key === 'Escape') {
        void detection.cancelBatch();
        library.cancelImport();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
