import { DEFAULT_ZIP_LIMITS, formatSize, type ZipLimits } from './safe-zip';

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "512MiB", "2G", "1.5 GB", "4096": bytes, the units binary (1 K = 1024). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = match ? Number(match[1]) * UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isFinite(bytes) || bytes < 1) throw new Error(`"${text}" is not a size (e.g. 512MiB, 2GiB)`);
  return Math.floor(bytes);
}

/**
 * `entry=2GiB,total=8GiB,ratio=500`: any of the three, the rest from `base`. Throws with the part at fault.
 */
export function parseZipLimits(text: string, base: ZipLimits = DEFAULT_ZIP_LIMITS): ZipLimits {
  const limits = { ...base };
  for (const part of text.split(',')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    if (value === undefined || extra !== undefined) throw new Error(`"${part}" is not key=value (entry, total or ratio)`);
    if (key === 'entry') limits.entryBytes = parseSize(value);
    else if (key === 'total') limits.totalBytes = parseSize(value);
    else if (key === 'ratio') {
      const ratio = Number(value);
      if (!(ratio >= 1) || !Number.isFinite(ratio)) throw new Error(`ratio must be a number of at least 1, got "${value}"`);
      limits.ratio = ratio;
    } else throw new Error(`unknown limit "${key}" (entry, total or ratio)`);
  }
  return limits;
}

export const describeZipLimits = (limits: ZipLimits): string =>
  `${formatSize(limits.entryBytes)} per file, ${formatSize(limits.totalBytes)} per archive, compression ratio ${limits.ratio}:1`;
