import { describe, expect, it } from 'vitest';
import { contrast, hslToRgb, labelColor, labelTextColor, luminance } from '../../src/ui/viewer/colors';

const rgbOf = (label: string) => {
  const [, h, s, l] = /hsl\((\d+) (\d+)% (\d+)%\)/.exec(labelColor(label))!.map(Number);
  return hslToRgb(h!, s! / 100, l! / 100);
};

describe('label colours', () => {
  it('converts HSL as CSS does', () => {
    expect(hslToRgb(0, 1, 0.5)).toEqual([1, 0, 0]);
    expect(hslToRgb(120, 1, 0.25).map((c) => Math.round(c * 255))).toEqual([0, 128, 0]);
    expect(hslToRgb(240, 1, 0.5)).toEqual([0, 0, 1]);
  });

  it('measures contrast as WCAG 2 does', () => {
    expect(contrast(luminance([1, 1, 1]), luminance([0, 0, 0]))).toBeCloseTo(21, 6);
    expect(contrast(luminance([0.5, 0.5, 0.5]), 1)).toBeCloseTo(3.98, 2); // #808080 on white
  });

  it('gives every class colour a caption colour of at least 4.5:1 (the COCO classes and every hue)', () => {
    const coco = ['person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'dog', 'horse', 'clock', 'toothbrush'];
    const hues = Array.from({ length: 360 }, (_, h) => h);
    for (const label of coco) {
      const text = labelTextColor(label) === '#000000' ? 0 : 1;
      expect(contrast(luminance(rgbOf(label)), text), label).toBeGreaterThanOrEqual(4.5);
    }
    for (const h of hues) {
      const background = luminance(hslToRgb(h, 0.85, 0.55));
      expect(Math.max(contrast(background, 0), contrast(background, 1)), `hue ${h}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('writes dark-blue labels in white and yellow ones in black', () => {
    const blue = Array.from({ length: 2000 }, (_, i) => `class ${i}`).find((l) => /hsl\((22\d|23\d) /.test(labelColor(l)))!;
    const yellow = Array.from({ length: 2000 }, (_, i) => `class ${i}`).find((l) => /hsl\((5\d|6\d) /.test(labelColor(l)))!;
    expect(labelTextColor(blue)).toBe('#ffffff');
    expect(labelTextColor(yellow)).toBe('#000000');
  });
});
