/** A figure as the tables show it: three decimals, or a dash where there is none (-1 in COCO's figures, null in ours). */
export const figure = (v: number | null | undefined): string => (v === null || v === undefined || v === -1 ? '—' : v.toFixed(3));

/** A difference, signed; a dash where either side has no figure. */
export const difference = (v: number | null): string => (v === null ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(3)}`);

export const deltaClass = (v: number | null): string => (v === null || Math.abs(v) < 0.0005 ? '' : v > 0 ? 'better' : 'worse');

export const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/** A class without truth that the model only predicted below the threshold: it changes no figure, so tables list it on request. */
export const isQuiet = (c: { truths: number; tp: number; fp: number } | null): boolean => c === null || (c.truths === 0 && c.tp + c.fp === 0);
