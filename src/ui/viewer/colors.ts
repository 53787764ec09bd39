/** Hue of a label, the same across images and sessions (derived from the label text). */
function labelHue(label: string): number {
  let hash = 0;
  for (const char of label) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

/** Saturation and lightness in percent, as CSS writes them. */
const SATURATION = 85;
const LIGHTNESS = 55;

/** A colour per label that stays the same across images and sessions. */
export function labelColor(label: string): string {
  return `hsl(${labelHue(label)} ${SATURATION}% ${LIGHTNESS}%)`;
}

/** sRGB channels 0–1 of an HSL colour (CSS Color 4's conversion). */
export function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [channel(0), channel(8), channel(4)];
}

/** WCAG 2 relative luminance of sRGB channels 0–1. */
export function luminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two luminances (1 to 21). */
export const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const BLACK = '#000000';
const WHITE = '#ffffff';

/**
 * The caption colour on a label's colour: black or white, whichever contrasts more. One of them always reaches
 * 4.5:1 (the two ratios are equal near luminance 0.18, at about 4.6:1).
 */
export function labelTextColor(label: string): string {
  const background = luminance(hslToRgb(labelHue(label), SATURATION / 100, LIGHTNESS / 100));
  return contrast(background, 0) >= contrast(background, 1) ? BLACK : WHITE;
}
