// Detection over an area of many files: the area's tile grid (tiles over gaps left out) read through the mosaic,
// so a tile that crosses a file border is read from both files, and boxes merged across tiles and borders alike.
import type { DetectParams } from '../domain/detection';
import type { Area, AreaMember } from '../domain/geo/area';
import { type AreaDetection, areaWindows, assignOwners, mosaicSource } from '../domain/geo/mosaic';
import type { RasterSource } from '../domain/raster-source';
import type { Detector } from './lane-pool';
import { detectTiled, type TileCheckpoint, type TiledProgress, type TiledResult } from './tiled';

export interface AreaTiling {
  tileSize: number;
  overlap: number;
}

export interface AreaResult extends Omit<TiledResult, 'detections'> {
  detections: AreaDetection[];
}

/** Tiles an area's run will make (what progress counts). */
export const areaTileCount = (area: Area, tiling: AreaTiling) => areaWindows(area, tiling.tileSize, tiling.overlap).length;

/**
 * Runs the model tile by tile over the area (no whole-image pass: an area is far larger than any object) and
 * merges the boxes with mergeTiledDetections, then gives each box the file that holds its centre. Progress,
 * checkpoints, cancelling and resuming are detectTiled's.
 */
export async function detectArea(
  engine: Pick<Detector, 'detect' | 'lanes'>,
  modelId: string,
  area: Area,
  open: (member: AreaMember) => Promise<RasterSource>,
  params: DetectParams,
  tiling: AreaTiling,
  onProgress?: (progress: TiledProgress, checkpoint: TileCheckpoint) => void,
  signal?: AbortSignal,
  resumeFrom?: TileCheckpoint,
): Promise<AreaResult> {
  const windows = areaWindows(area, tiling.tileSize, tiling.overlap);
  const source = mosaicSource(area, open);
  const result = await detectTiled(
    engine,
    modelId,
    source,
    params,
    { ...tiling, wholeImagePass: false },
    onProgress,
    signal,
    resumeFrom,
    windows,
  );
  return { ...result, detections: assignOwners(area, result.detections) };
}
