// Batch jobs inside the worker: images are read from IndexedDB here and results written here, so inference
// work never crosses to the page; the page only hears progress and results. Several images are in flight at
// once (read and decoded while the model works on earlier ones, or run on several lanes), and their results are
// written in the job's order, together with the job's progress.
import type { BatchJob } from '../domain/batch';
import { isUnfinished } from '../domain/batch';
import type { DetectRunParams, RelabelParams } from '../domain/detection';
import { wholeImageRead } from '../domain/model-input';
import type { RasterSource } from '../domain/raster-source';
import { shouldTile, type WindowedDetection } from '../domain/tiling';
import { type ClassifierManifest, type ModelManifest, suppressesPerClass } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import { predictionKey, type PredictionRecord } from '../domain/prediction';
import { rasterForRun } from '../platform/raster-of-blob';
import {
  commitJobStep,
  getImageBlob,
  getImageToRun,
  getPrediction,
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
import { relabelDetections } from './relabel';
import { detectTiled, detectWhole, type TileCheckpoint, type TiledProgress, type TiledResult } from './tiled';
import type { JobSpec, WorkerEvent } from './protocol';

/** Tiles between saved checkpoints of a tiled run: a few seconds of work at most to redo after a reload. */
const CHECKPOINT_EVERY = 5;

interface TileTracker {
  resumeFrom: TileCheckpoint | undefined;
  onProgress(progress: TiledProgress, checkpoint: TileCheckpoint): void;
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
    const cached = await getPrediction(store, key); // computed before: by another job, or before a reload
    if (cached) return { record: cached, fromCache: true };
    const model = await modelOf(job.modelId);
    const t0 = performance.now();
    const { record: image, blob } = await getImageToRun(store, imageSha256);
    if (!blob) throw new Error('the image bytes are missing from storage');
    if (!image) throw new Error('the image is no longer in the project');
    const params = job.params as DetectRunParams | ClassifyParams;
    const source = await rasterForRun(blob, image, params.stretch);
    const openMs = performance.now() - t0;
    const tiled = model.task === 'detect' && tiles(source, model, params as DetectRunParams);
    const detector = await detectorFor(model.id, tiled ? Infinity : job.imageSha256s.length);
    const result = model.task === 'classify' ? await classifyOn(detector, source, model, params as ClassifyParams) : await detectOn(detector, source, model, params as DetectRunParams, tiled, await tileProgress(job, imageSha256, key));
    const { timings } = result;
    const relabel = model.task === 'detect' ? (params as DetectRunParams).relabel : undefined;
    const labeller = relabel && (await labellerOf(relabel));
    const detections = 'detections' in result ? result.detections : [];
    const relabelled = labeller ? await relabelDetections(await detectorFor(labeller.id, tiled ? Infinity : job.imageSha256s.length), labeller, source, detections, relabel!.minScore) : detections;
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
      detections: relabelled,
      ...(labeller ? { relabelledBy: { modelId: labeller.id, modelName: labeller.name, modelVersion: labeller.version, weightsSha256: labeller.weightsSha256 } } : {}),
      ...('tags' in result ? { tags: result.tags } : {}),
      ...('tiles' in result && result.tiles > 0 ? { tiles: result.tiles } : {}),
      backend: result.backend,
      // This image's own work (read, decode, model, boxes), not the time it waited for a free lane.
      elapsedMs: Math.round(openMs + timings.readMs + timings.preprocessMs + timings.inferenceMs + timings.postprocessMs + timings.mergeMs),
      inferenceMs: Math.round(timings.inferenceMs),
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

  /** Tiled where the run says so (auto: images more than twice the model input), else one pass on the whole image. */
  function tiles(source: RasterSource, model: ModelManifest, params: DetectRunParams): boolean {
    const { mode } = params.tiling;
    return mode === 'tiled' || (mode === 'auto' && shouldTile(source.width, source.height, model.input));
  }

  function detectOn(detector: Detector, source: RasterSource, model: ModelManifest, params: DetectRunParams, tiled: boolean, tracker: TileTracker): Promise<TiledResult> {
    if (tiled) {
      const { overlap, wholeImagePass } = params.tiling;
      const tiling = { tileSize: model.input.width, overlap, wholeImagePass, resize: model.preprocessing.resize, perClass: suppressesPerClass(model) };
      return detectTiled(detector, model.id, source, params, tiling, tracker.onProgress, undefined, tracker.resumeFrom);
    }
    // Read at the model's input size: a PNG or JPEG is decoded straight to it, a TIFF read from its overviews.
    return detectWhole(detector, model.id, source, params, model.input, model.preprocessing.resize);
  }

  /** A classifier sees the whole image at about its input size; a TIFF is read shrunk, from its overviews where present. */
  async function classifyOn(detector: Detector, source: RasterSource, model: ModelManifest, params: ClassifyParams) {
    const t0 = performance.now();
    const read = wholeImageRead(source.width, source.height, model.input, model.preprocessing.resize);
    const pixels = await source.readWindow(read.window, read.width, read.height);
    const readMs = performance.now() - t0;
    const result = await detector.classify(model.id, pixels, params);
    return { ...result, timings: { ...result.timings, readMs, mergeMs: 0 } };
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
    // Two images more than there are lanes: the next ones are read and decoded while the model runs.
    concurrency: async (job) => ((await detectorFor(job.modelId, job.imageSha256s.length)).lanes ?? 1) + 2,
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

