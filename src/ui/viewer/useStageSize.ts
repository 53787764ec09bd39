import { type RefObject, useLayoutEffect, useState } from 'react';

/** Size at which an image of width × height fits inside the element, aspect kept (CSS object-fit: contain). */
export function useFit(container: RefObject<HTMLElement | null>, width: number, height: number) {
  const [box, setBox] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width: w, height: h } = entry.contentRect;
      setBox({ width: w, height: h });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [container]);
  const scale = box.width > 0 && box.height > 0 ? Math.min(box.width / width, box.height / height) : 0;
  return { scale, width: width * scale, height: height * scale };
}
