import type { DetectParams } from './detection';
import type { Area } from './geo/area';
import type { AreaDetection } from './geo/mosaic';

/**
 * *Detect area*: one model run over an area's mosaic, saved after every few tiles so a reload continues it.
 * Keyed by area and run key (model, weights, parameters): another setting is another run, the old one kept.
 */
export interface AreaRun {
  /** `${areaKey}|${runKey}` */
  key: string;
  areaKey: string;
  runKey: string;
  modelId: string;
  modelVersion: string;
  params: DetectParams;
  tiling: { tileSize: number; overlap: number };
  /** The area as it was grouped when the run started (its files and their offsets). */
  area: Area;
  status: 'running' | 'paused' | 'cancelled' | 'finished' | 'failed';
  /** Tiles run (of `total`). */
  done: number;
  total: number;
  /** Merged, each given its file: set when finished. */
  detections?: AreaDetection[];
  error?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AreaProgress {
  key: string;
  areaKey: string;
  status: AreaRun['status'];
  done: number;
  total: number;
  km2Done: number;
  km2Total: number;
  /** Over this session's part of the run. */
  tilesPerSecond: number | null;
  error?: string;
}

export const areaRunKey = (areaKey: string, runKey: string) => `${areaKey}|${runKey}`;

export function areaProgress(run: AreaRun, tilesPerSecond: number | null = null): AreaProgress {
  const share = run.total > 0 ? run.done / run.total : 0;
  return {
    key: run.key,
    areaKey: run.areaKey,
    status: run.status,
    done: run.done,
    total: run.total,
    km2Done: run.area.coveredKm2 * share,
    km2Total: run.area.coveredKm2,
    tilesPerSecond,
    ...(run.error ? { error: run.error } : {}),
  };
}
