import { type RefObject, useLayoutEffect } from 'react';
import { useEditor } from '../../state/editor';

/** Tells the editor store the stage's size as it changes (the zoom is fitted to it at first). */
export function useStageSize(container: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      useEditor.getState().setStage({ width, height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container]);
}
