// *Detect area* inside the worker: the member files are read from IndexedDB here, tiles run through the mosaic,
// progress saved every few tiles, so a reload continues the run where it stopped. One area at a time.
import { type AreaProgress, type AreaRun, areaProgress, areaRunKey } from '../domain/area-run';
import type { DetectParams } from '../domain/detection';
import type { Area, AreaMember } from '../domain/geo/area';
import type { ModelManifest } from '../domain/model-manifest';
import type { RasterSource } from '../domain/raster-source';
import type { StretchPercentiles } from '../domain/stretch';
import type { WindowedDetection } from '../domain/tiling';
import { rasterOfBlob } from '../platform/raster-of-blob';
import { deleteCheckpoint, getImageBlob, loadAreaRun, loadCheckpoint, saveAreaRun, saveCheckpoint, unfinishedAreaRuns, type WorkbenchDb } from '../storage';
import { areaTileCount, detectArea } from './area';
import type { Detector } from './lane-pool';
import type { TileCheckpoint } from './tiled';

/** Tiles between saved checkpoints: a few seconds of work at most to redo after a reload. */
const CHECKPOINT_EVERY = 5;
/** Member files kept open at once (a file is opened again when the tile grid comes back to it). */
const OPEN_FILES = 8;

export interface AreaSpec {
  area: Area;
  modelId: string;
  runKey: string;
  params: DetectParams & { stretch?: StretchPercentiles };
  tiling: { tileSize: number; overlap: number };
}

export type AreaEvent = { type: 'area'; progress: AreaProgress };

const checkpointKey = (key: string) => `area:${key}`;

/** `detectorFor(modelId, runs)`: what runs the model for that many tiles (the lanes, where there are several). */
export function createAreaService(
  detectorFor: (modelId: string, runs: number) => Promise<Detector>,
  modelOf: (modelId: string) => Promise<ModelManifest>,
  database: () => Promise<WorkbenchDb>,
  emit: (event: AreaEvent) => void,
) {
  const queue: AreaRun[] = [];
  /** The run under way; `stopAs` once a pause or cancel was asked for (the run says so only once it is saved). */
  let active: { run: AreaRun; abort: AbortController; stopAs?: 'paused' | 'cancelled' } | null = null;
  /**
   * Runs the page started, paused, cancelled or resumed while this worker lives: resumeUnfinished leaves them be,
   * since what it read from storage may be older than the person's last word (a pause while it read).
   */
  const decided = new Set<string>();

  function report(run: AreaRun, tilesPerSecond: number | null = null): void {
    emit({ type: 'area', progress: areaProgress(run, tilesPerSecond) });
  }

  async function persist(run: AreaRun): Promise<void> {
    run.updatedAt = new Date().toISOString();
    await saveAreaRun(await database(), run);
  }

  /** Opens member files from storage on demand, the most recently used few kept open. */
  function memberOpener(stretch: StretchPercentiles | undefined) {
    const open = new Map<string, Promise<RasterSource>>();
    return async (member: AreaMember): Promise<RasterSource> => {
      let source = open.get(member.sha256);
      if (source) {
        open.delete(member.sha256); // re-inserted below: the map's order is the use order
      } else {
        source = (async () => {
          const blob = await getImageBlob(await database(), member.sha256);
          if (!blob) throw new Error(`${member.fileName}: its bytes are missing from storage`);
          return (await rasterOfBlob(blob, stretch)).source;
        })();
      }
      open.set(member.sha256, source);
      if (open.size > OPEN_FILES) open.delete(open.keys().next().value!);
      return source;
    };
  }

  async function runOne(run: AreaRun): Promise<void> {
    const abort = new AbortController();
    const me: NonNullable<typeof active> = { run, abort };
    active = me;
    const db = await database();
    const model = await modelOf(run.modelId);
    const resumeFrom = await loadCheckpoint<WindowedDetection>(db, checkpointKey(run.key));
    const startedAt = performance.now();
    const doneAtStart = resumeFrom?.done ?? 0;
    let latest: TileCheckpoint | undefined = resumeFrom;
    let savedAt = doneAtStart;
    report(run);
    try {
      const { stretch, ...params } = run.params as AreaSpec['params'];
      const result = await detectArea(
        await detectorFor(model.id, run.total - doneAtStart),
        model.id,
        run.area,
        memberOpener(stretch),
        params,
        run.tiling,
        (progress, checkpoint) => {
          latest = checkpoint;
          run.done = progress.done;
          const seconds = (performance.now() - startedAt) / 1000;
          report(run, seconds > 0 ? (progress.done - doneAtStart) / seconds : null);
          if (checkpoint.done - savedAt >= CHECKPOINT_EVERY && checkpoint.done < progress.total) {
            savedAt = checkpoint.done;
            void saveCheckpoint(db, checkpointKey(run.key), { done: checkpoint.done, gathered: [...checkpoint.gathered] }).then(() => persist(run));
          }
        },
        abort.signal,
        resumeFrom,
      );
      run.detections = result.detections;
      run.done = run.total;
      run.status = 'finished';
      await persist(run);
      await deleteCheckpoint(db, checkpointKey(run.key));
    } catch (error) {
      if (abort.signal.aborted) {
        run.status = me.stopAs ?? 'paused';
        // Paused or cancelled between tiles: keep what was gathered so resuming redoes nothing.
        if (latest && run.status === 'paused') await saveCheckpoint(db, checkpointKey(run.key), { done: latest.done, gathered: [...latest.gathered] });
        if (run.status === 'cancelled') await deleteCheckpoint(db, checkpointKey(run.key));
        run.done = run.status === 'paused' ? (latest?.done ?? run.done) : run.done;
      } else {
        run.status = 'failed';
        run.error = error instanceof Error ? error.message : String(error);
      }
      await persist(run);
    } finally {
      active = null;
    }
    report(run);
  }

  let draining: Promise<void> | null = null;
  function drain(): Promise<void> {
    draining ??= (async () => {
      try {
        for (let run = queue.shift(); run; run = queue.shift()) await runOne(run);
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  function submit(run: AreaRun): void {
    if (active?.run.key === run.key || queue.some((r) => r.key === run.key)) return;
    queue.push(run);
    void drain();
  }

  async function setStatus(key: string, status: 'paused' | 'cancelled'): Promise<void> {
    decided.add(key);
    const queued = queue.findIndex((r) => r.key === key);
    if (active?.run.key === key) {
      // Still "running" in the tiles' reports until runOne has saved it paused or cancelled: a reload before then
      // finds it running and continues it, as it would have without the pause.
      active.stopAs = status;
      active.abort.abort(new Error(status));
      return; // runOne saves and reports once the tiles under way are done
    }
    const run = queued >= 0 ? queue.splice(queued, 1)[0]! : await loadAreaRun(await database(), key);
    if (!run || run.status === 'finished') return;
    run.status = status;
    await persist(run);
    report(run);
  }

  return {
    /** Starts (or finds finished, or continues) the run of this model and setting over the area. */
    async start(spec: AreaSpec): Promise<AreaProgress> {
      const key = areaRunKey(spec.area.key, spec.runKey);
      decided.add(key);
      const existing = await loadAreaRun(await database(), key);
      if (existing?.status === 'finished') return areaProgress(existing);
      const model = await modelOf(spec.modelId);
      const now = new Date().toISOString();
      const run: AreaRun = existing && existing.status !== 'cancelled' && existing.status !== 'failed'
        ? { ...existing, status: 'running' }
        : {
            key,
            areaKey: spec.area.key,
            runKey: spec.runKey,
            modelId: spec.modelId,
            modelVersion: model.version,
            params: spec.params,
            tiling: spec.tiling,
            area: spec.area,
            status: 'running',
            done: 0,
            total: areaTileCount(spec.area, spec.tiling),
            createdAt: now,
            updatedAt: now,
          };
      if (!existing || existing.status === 'cancelled' || existing.status === 'failed') await deleteCheckpoint(await database(), checkpointKey(key));
      await persist(run);
      submit(run);
      return areaProgress(run);
    },
    pause: (key: string) => setStatus(key, 'paused'),
    /**
     * Before the project's database changes: the running area is paused (and saved where it was) and the queue
     * emptied, so nothing of one project is written into another. A reload of that project continues it.
     */
    async suspend(): Promise<void> {
      queue.length = 0;
      if (active) await setStatus(active.run.key, 'paused');
      await draining;
    },
    cancel: (key: string) => setStatus(key, 'cancelled'),
    async resume(key: string): Promise<void> {
      decided.add(key);
      const run = await loadAreaRun(await database(), key);
      if (!run || (run.status !== 'paused' && run.status !== 'running')) return;
      run.status = 'running';
      await persist(run);
      submit(run);
    },
    /** After a reload: running runs continue at once, paused ones are reported and wait. */
    async resumeUnfinished(): Promise<AreaProgress[]> {
      const runs = await unfinishedAreaRuns(await database());
      const left = runs.filter((run) => !decided.has(run.key));
      for (const run of left) if (run.status === 'running') submit(run);
      return left.map((run) => areaProgress(run));
    },
  };
}
