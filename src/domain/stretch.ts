/**
 * Which percentiles of a raster's values map to black and white when data deeper than 8 bits (16-bit orthophotos,
 * float DEMs) is shown or given to an 8-bit model. 2–98 ignores a few hot or dead pixels; a person can widen or
 * narrow it for a dark or washed-out raster.
 */
export interface StretchPercentiles {
  /** Percent, 0–100, below `high`. */
  low: number;
  high: number;
}

export const DEFAULT_STRETCH: StretchPercentiles = { low: 2, high: 98 };

export class StretchError extends Error {
  override name = 'StretchError';
}

export function checkStretch(p: StretchPercentiles): StretchPercentiles {
  const ok = Number.isFinite(p.low) && Number.isFinite(p.high) && p.low >= 0 && p.high <= 100 && p.low < p.high;
  if (!ok) throw new StretchError(`stretch percentiles must satisfy 0 ≤ low < high ≤ 100 (got ${p.low} and ${p.high})`);
  return p;
}

export const isDefaultStretch = (p: StretchPercentiles) => p.low === DEFAULT_STRETCH.low && p.high === DEFAULT_STRETCH.high;

/** "2,98" or "0.5-99.5", as typed on the command line. */
export function parseStretch(text: string): StretchPercentiles {
  const parts = text.split(/[,\s]+|(?<=\d)-(?=\d)/).filter(Boolean).map(Number);
  if (parts.length !== 2 || parts.some((n) => Number.isNaN(n))) {
    throw new StretchError(`stretch must be two percentiles like "2,98" (got "${text}")`);
  }
  return checkStretch({ low: parts[0]!, high: parts[1]! });
}

/** The value at each percentile of `sorted` (ascending), nearest rank. */
export function valuesAtPercentiles(sorted: ArrayLike<number>, p: StretchPercentiles): { low: number; high: number } {
  const at = (percent: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round((percent / 100) * (sorted.length - 1))))]!;
  return { low: at(p.low), high: at(p.high) };
}
