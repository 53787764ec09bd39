import type { Preprocessing } from '../../domain/model-manifest';

type Values = Pick<Preprocessing, 'scale' | 'offset' | 'mean' | 'std'>;

/** The usual ways models want their RGB values, as the dialog offers them. */
export const NORMALISATIONS: { id: string; label: string; values: Values }[] = [
  { id: '0-255', label: '0–255 (as they are)', values: { scale: 1, offset: 0 } },
  { id: '0-1', label: '0–1 (v / 255)', values: { scale: 1 / 255, offset: 0 } },
  { id: '-1-1', label: '−1…1 (v / 127.5 − 1)', values: { scale: 1 / 127.5, offset: -1 } },
  { id: 'teachable', label: '−1…1, Teachable Machine (v / 127 − 1)', values: { scale: 1 / 127, offset: -1 } },
  { id: 'imagenet', label: 'mean/std, ImageNet (v / 255 − mean) / std', values: { scale: 1 / 255, offset: 0, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
];

const close = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const sameTriple = (a?: number[], b?: number[]) => (!a && !b) || (a !== undefined && b !== undefined && a.every((v, i) => close(v, b[i]!)));

/** Which preset the values are, or 'custom'. */
export function normalisationOf(pre: Values): string {
  return NORMALISATIONS.find(({ values: v }) => close(v.scale, pre.scale) && close(v.offset, pre.offset) && sameTriple(v.mean, pre.mean) && sameTriple(v.std, pre.std))?.id ?? 'custom';
}

/** The preprocessing with a preset's values (mean and std dropped when the preset has none). */
export function withNormalisation(pre: Preprocessing, id: string): Preprocessing {
  const preset = NORMALISATIONS.find((n) => n.id === id);
  if (!preset) return pre;
  const { mean: _mean, std: _std, ...rest } = pre;
  return { ...rest, ...preset.values };
}

/** "0.485, 0.456, 0.406" → three numbers, or undefined when it is not three numbers. */
export function parseTriple(text: string): [number, number, number] | undefined {
  const values = text.split(/[\s,;]+/).filter(Boolean).map(Number);
  return values.length === 3 && values.every(Number.isFinite) ? (values as [number, number, number]) : undefined;
}
