/** The viewer's canvas, so opening an image with the mouse can give it the keys (Enter reviews, arrows move). */
let canvas: HTMLElement | null = null;

export const registerCanvas = (element: HTMLElement | null) => {
  canvas = element;
};

export const focusCanvas = () => canvas?.focus({ preventScroll: true });
