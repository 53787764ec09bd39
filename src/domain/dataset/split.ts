import { sha256Hex } from '../hash';
import type { Split } from './model';

export interface SplitRatios {
  train: number;
  val: number;
  test: number;
  /** The same seed (and the same images) always gives the same split. */
  seed: number;
}

/** mulberry32: a small, well-known 32-bit seeded generator; plenty for shuffling a dataset. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function checkRatios(r: SplitRatios): string | null {
  const parts = [r.train, r.val, r.test];
  if (!parts.every((p) => Number.isFinite(p) && p >= 0)) return 'split ratios must be numbers of at least 0';
  if (parts.reduce((a, b) => a + b, 0) <= 0) return 'split ratios must not all be 0';
  if (!Number.isInteger(r.seed)) return 'the split seed must be a whole number';
  return null;
}

/**
 * Assigns each image to train, val or test by ratio. Images are first sorted by SHA-256 (of their bytes
 * where known, else of their file name), so the order they come in does not matter, then shuffled with a
 * PRNG seeded by `seed`; the first round(n·train) go to train, the next round(n·val) to val, the rest to test.
 */
export async function assignSplits(images: readonly { fileName: string; sha256?: string }[], ratios: SplitRatios): Promise<Map<string, Split>> {
  const problem = checkRatios(ratios);
  if (problem) throw new Error(problem);
  const keyed = await Promise.all(images.map(async (i) => ({ fileName: i.fileName, key: i.sha256 ?? (await sha256Hex(i.fileName)) })));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  const random = seededRandom(ratios.seed);
  for (let i = keyed.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keyed[i], keyed[j]] = [keyed[j]!, keyed[i]!];
  }
  const total = ratios.train + ratios.val + ratios.test;
  const nTrain = Math.round((keyed.length * ratios.train) / total);
  const nVal = Math.min(keyed.length - nTrain, Math.round((keyed.length * ratios.val) / total));
  return new Map(keyed.map((k, index) => [k.fileName, index < nTrain ? 'train' : index < nTrain + nVal ? 'val' : 'test']));
}
