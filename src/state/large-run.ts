import { create } from 'zustand';
import type { RunTiling } from '../domain/detection';
import type { ImageRecord } from '../domain/image';
import { plannedModelRuns } from '../domain/tiling';

/** A run of more model runs (tiles) than this asks first, with its estimate. */
export const LARGE_RUN_TILES = 1000;

export interface LargeRun {
  runs: number;
  images: number;
  /** The largest image of the run, to name it. */
  largest: Pick<ImageRecord, 'fileName' | 'width' | 'height'>;
  tileSize: number;
  /** This machine's time for one model run (the engine's warm-up), when known. */
  msPerRun: number | null;
  proceed(): void;
}

interface LargeRunState {
  pending: LargeRun | null;
  confirm(): void;
  dismiss(): void;
}

export const useLargeRun = create<LargeRunState>((set, get) => ({
  pending: null,
  confirm() {
    const run = get().pending;
    set({ pending: null });
    run?.proceed();
  },
  dismiss: () => set({ pending: null }),
}));

/**
 * Before a run of more than LARGE_RUN_TILES model runs (a 100,000² raster is 59,536 tiles of 512 px), asks with the
 * estimate instead of starting; `proceed` starts it once confirmed. True when it asked.
 */
export function askBeforeLargeRun(
  images: readonly ImageRecord[],
  plan: { tiling: RunTiling; input: { width: number; height: number }; msPerRun: number | null },
  proceed: () => void,
): boolean {
  const runs = images.reduce((sum, image) => sum + plannedModelRuns(image, plan.tiling, plan.input), 0);
  if (runs <= LARGE_RUN_TILES) return false;
  const largest = images.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  useLargeRun.setState({ pending: { runs, images: images.length, largest, tileSize: plan.input.width, msPerRun: plan.msPerRun, proceed } });
  return true;
}
