// Batch jobs inside the worker: images are read from IndexedDB here and results written here, so inference
// work never crosses to the page; the page only hears progress and results. Several images are in flight at
// once (read and decoded while the model works on earlier ones, or run on several lanes), and their results are
// written in the job's order, together with the job's progress.
import type { BatchJob } from '../domain/batch';
import { isUnfinished } from '../domain/batch';
import type { DetectRunParams, Detection, RelabelParams } from '../domain/detection';
import type { WindowedDetection } from '../domain/tiling';
import type { ClassifierManifest, ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams, Tag } from '../domain/tag';
import { type PipelineStages, predictionKey, type PredictionRecord } from '../domain/prediction';
import { rasterForRun } from '../platform/raster-of-blob';
import {
  commitJobStep,
  getImageBlob,
  getImageToRun,
  loadCheckpoint,
  loadJob,
  openWorkbenchDb,
  putPredictions,
  saveCheckpoint,
  saveJob,
  unfinishedJobs,
  type WorkbenchDb,
} from '../storage';
import { BatchRunner } from './batch-runner';
import type { Detector } from './lane-pool';
import { classifyOnRaster, detectOnRaster, planTiling } from './pipeline';
import type { TileCheckpoint, TiledProgress } from './tiled';
import type { DetectTimings } from './engine';
import type { JobSpec, WorkerEvent } from './protocol';

/** Tiles between saved checkpoints of a tiled run: a few seconds of work at most to redo after a reload. */
const CHECKPOINT_EVERY = 5;

interface TileTracker {
  resumeFrom: TileCheckpoint | undefined;
  onProgress(progress: TiledProgress, checkpoint: TileCheckpoint): void;
}

const round2 = (ms: number) => Math.round(ms * 100) / 100;

function stagesOf(openMs: number, t: { readMs: number } & DetectTimings): PipelineStages {
  return {
    readMs: round2(openMs),
    decodeMs: round2(t.readMs),
    preprocessMs: round2(t.preprocessMs),
    uploadMs: round2(t.uploadMs ?? 0),
    inferMs: round2(t.inferMs ?? t.inferenceMs),
    readBackMs: round2(t.readBackMs ?? 0),
    boxesMs: round2(t.postprocessMs),
  };
}

/** One image's result, and whether it was found in the cache (then it is not written again). */
interface ImageResult {
  record: PredictionRecord;
  fromCache: boolean;
}

/**
 * `detectorFor(modelId, runs)`: what runs the model when about `runs` model runs are coming (an image of a
 * one-image job: the worker's own engine; a batch or a tiled image: the lanes, where there are several).
 */
export function createJobService(
  detectorFor: (modelId: string, runs: number) => Promise<Detector>,
  modelOf: (modelId: string) => Promise<ModelManifest>,
  emit: (event: WorkerEvent) => void,
) {
  // The open project's database (the page names it; the page cancels its batch before switching project).
  let dbName: string | undefined;
  let opened: Promise<WorkbenchDb> | undefined;
  const database = () => (opened ??= openWorkbenchDb(dbName));

  async function runImage(job: BatchJob, imageSha256: string): Promise<ImageResult> {
    const store = await database();
    const key = predictionKey(imageSha256, job.runKey);
    const t0 = performance.now();
    const { cached, record: image, blob } = await getImageToRun(store, imageSha256, key);
    if (cached) return { record: cached, fromCache: true }; // computed before: by another job, or before a reload
    const model = await modelOf(job.modelId);
    if (!blob) throw new Error('the image bytes are missing from storage');
    if (!image) throw new Error('the image is no longer in the project');
    const params = job.params as DetectRunParams | ClassifyParams;
    const source = await rasterForRun(blob, image, params.stretch);
    const openMs = performance.now() - t0;
    const runs = (tiled: boolean) => (tiled ? Infinity : job.imageSha256s.length);
    let result: { backend: string; timings: { readMs: number; mergeMs?: number } & DetectTimings };
    let detections: Detection[] = [];
    let tags: Tag[] | undefined;
    let tiles = 0;
    let labeller: ClassifierManifest | undefined;
    if (model.task === 'classify') {
      const classified = await classifyOnRaster(await detectorFor(model.id, runs(false)), model, source, params as ClassifyParams);
      result = classified;
      tags = classified.tags;
    } else {
      const run = params as DetectRunParams;
      const tiling = planTiling(source, model, run.tiling);
      labeller = run.relabel && (await labellerOf(run.relabel));
      const tracker = tiling ? await tileProgress(job, imageSha256, key) : undefined;
      const detected = await detectOnRaster(await detectorFor(model.id, runs(!!tiling)), model, source, run, tiling, {
        ...(tracker ? { onProgress: tracker.onProgress, resumeFrom: tracker.resumeFrom } : {}),
        ...(labeller ? { relabel: { labeller, minScore: run.relabel!.minScore, detector: await detectorFor(labeller.id, runs(!!tiling)) } } : {}),
      });
      result = detected;
      detections = detected.detections;
      tiles = detected.tiles;
    }
    const { timings } = result;
    const record: PredictionRecord = {
      key,
      runKey: job.runKey,
      imageSha256,
      modelId: model.id,
      modelName: model.name,
      modelVersion: model.version,
      weightsSha256: model.weightsSha256,
      paramsHash: job.paramsHash,
      params,
      detections,
      ...(labeller ? { relabelledBy: { modelId: labeller.id, modelName: labeller.name, modelVersion: labeller.version, weightsSha256: labeller.weightsSha256 } } : {}),
      ...(tags ? { tags } : {}),
      ...(tiles > 0 ? { tiles } : {}),
      backend: result.backend,
      // This image's own work (read, decode, model, boxes), not the time it waited for a free lane.
      elapsedMs: Math.round(openMs + timings.readMs + timings.preprocessMs + timings.inferenceMs + timings.postprocessMs + (timings.mergeMs ?? 0)),
      inferenceMs: Math.round(timings.inferenceMs),
      ...(tiles === 0 ? { stages: stagesOf(openMs, timings) } : {}),
      createdAt: new Date().toISOString(),
    };
    return { record, fromCache: false };
  }

  /** The box labeller a run chains after its detector: the very version the run was asked with. */
  async function labellerOf(relabel: RelabelParams): Promise<ClassifierManifest> {
    const labeller = await modelOf(relabel.modelId);
    if (labeller.task !== 'classify') throw new Error(`${labeller.name} is not a classifier, so it cannot relabel boxes`);
    if (labeller.weightsSha256 !== relabel.weightsSha256) throw new Error(`the box labeller ${labeller.name} is not the version this run was started with`);
    return labeller;
  }

  /**
   * Reports tiles to the page and saves where a tiled run stands every few tiles, so that after a reload a
   * large raster continues from its last checkpoint instead of from the first tile.
   */
  async function tileProgress(job: BatchJob, imageSha256: string, key: string): Promise<TileTracker> {
    const store = await database();
    const resumeFrom = await loadCheckpoint<WindowedDetection>(store, key);
    let savedAt = resumeFrom?.done ?? 0;
    return {
      resumeFrom,
      onProgress(progress, checkpoint) {
        emit({ type: 'tiles', jobId: job.id, imageSha256, ...progress });
        if (checkpoint.done - savedAt >= CHECKPOINT_EVERY && checkpoint.done < progress.total) {
          savedAt = checkpoint.done;
          void saveCheckpoint(store, key, { done: checkpoint.done, gathered: [...checkpoint.gathered] });
        }
      },
    };
  }

  function announce(job: BatchJob, results: readonly ImageResult[]): void {
    for (const { record, fromCache } of results) emit({ type: 'result', jobId: job.id, record, fromCache });
  }

  const runner = new BatchRunner<ImageResult>({
    saveJob: async (job) => saveJob(await database(), job),
    runImage,
    async commit(job, results) {
      await commitJobStep(await database(), job, results.filter((r) => !r.fromCache).map((r) => r.record));
      announce(job, results);
    },
    async keep(job, results) {
      const computed = results.filter((r) => !r.fromCache).map((r) => r.record);
      if (computed.length > 0) await putPredictions(await database(), computed);
      announce(job, results);
    },
    // Eight images more than there are lanes: the next ones are read and decoded while the model runs. Each step of
    // an image's read (its storage read, the bytes, the decode, the pixels) waits for a gap between model runs,
    // which hold this thread, so an image needs several runs' time to be ready (four ahead left the model waiting).
    concurrency: async (job) => ((await detectorFor(job.modelId, job.imageSha256s.length)).lanes ?? 1) + 8,
    emit,
    now: () => performance.now(),
  });

  return {
    /** The original bytes of an image of the open project. */
    imageBlob: async (sha256: string) => getImageBlob(await database(), sha256),
    /** The open project's database, shared with the area runs. */
    database,
    async start(spec: JobSpec): Promise<BatchJob> {
      const now = new Date().toISOString();
      const job: BatchJob = { ...spec, id: crypto.randomUUID(), done: 0, failures: {}, status: 'running', createdAt: now, updatedAt: now };
      await saveJob(await database(), job);
      runner.submit(job);
      return job;
    },
    pause: (jobId: string) => runner.pause(jobId),
    cancel: (jobId: string) => runner.cancel(jobId),
    async useDatabase(name: string): Promise<void> {
      if (name === dbName) return;
      const previous = opened;
      dbName = name;
      opened = undefined;
      await database();
      (await previous?.catch(() => undefined))?.close();
    },
    async resume(jobId: string): Promise<void> {
      const job = await loadJob(await database(), jobId);
      if (job && isUnfinished(job)) await runner.resume(job);
    },
    /** After a reload: running jobs continue at once, paused ones are reported and wait. */
    async resumeUnfinished(): Promise<BatchJob[]> {
      const jobs = await unfinishedJobs(await database());
      for (const job of jobs) {
        if (job.status === 'running') runner.submit(job);
      }
      return jobs;
    },
  };
}

