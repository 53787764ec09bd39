// Batch jobs inside the worker: images are read from IndexedDB here and results written here, so inference
// work never crosses to the page; the page only hears progress and results.
import type { BatchJob } from '../domain/batch';
import { isUnfinished } from '../domain/batch';
import type { DetectRunParams, RelabelParams } from '../domain/detection';
import { wholeImageRead } from '../domain/model-input';
import { shouldTile, type WindowedDetection } from '../domain/tiling';
import { type ClassifierManifest, type ModelManifest, suppressesPerClass } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import { predictionKey, type PredictionRecord } from '../domain/prediction';
import { type BlobRaster, rasterOfBlob } from '../platform/raster-of-blob';
import {
  deleteCheckpoint,
  getImageBlob,
  getPrediction,
  loadCheckpoint,
  loadJob,
  openWorkbenchDb,
  putPrediction,
  saveCheckpoint,
  saveJob,
  unfinishedJobs,
  type WorkbenchDb,
} from '../storage';
import { BatchRunner } from './batch-runner';
import type { Engine } from './engine';
import { relabelDetections } from './relabel';
import { detectTiled, detectWhole, type TileCheckpoint, type TiledProgress } from './tiled';

/** Tiles between saved checkpoints of a tiled run: a few seconds of work at most to redo after a reload. */
const CHECKPOINT_EVERY = 5;

interface TileTracker {
  resumeFrom: TileCheckpoint | undefined;
  onProgress(progress: TiledProgress, checkpoint: TileCheckpoint): void;
}
import type { JobSpec, WorkerEvent } from './protocol';

export function createJobService(
  engine: Engine,
  modelOf: (modelId: string) => Promise<ModelManifest>,
  emit: (event: WorkerEvent) => void,
) {
  // The open project's database (the page names it; the page cancels its batch before switching project).
  let dbName: string | undefined;
  let opened: Promise<WorkbenchDb> | undefined;
  const database = () => (opened ??= openWorkbenchDb(dbName));

  async function runImage(job: BatchJob, imageSha256: string): Promise<void> {
    const store = await database();
    const key = predictionKey(imageSha256, job.runKey);
    const cached = await getPrediction(store, key); // computed before: by another job, or before a reload
    if (cached) return emit({ type: 'result', jobId: job.id, record: cached, fromCache: true });
    const model = await modelOf(job.modelId);
    const t0 = performance.now();
    const blob = await getImageBlob(store, imageSha256);
    if (!blob) throw new Error('the image bytes are missing from storage');
    const raster = await rasterOfBlob(blob, (job.params as DetectRunParams | ClassifyParams).stretch);
    const result =
      model.task === 'classify'
        ? await engine.classify(model.id, raster.pixels ?? (await shrunk(raster, model)), job.params as ClassifyParams)
        : await detectOn(raster, model, job.params as DetectRunParams, await tileProgress(job, imageSha256, key));
    const relabel = model.task === 'detect' ? (job.params as DetectRunParams).relabel : undefined;
    const labeller = relabel && (await labellerOf(relabel));
    const detections = 'detections' in result ? result.detections : [];
    const record: PredictionRecord = {
      key,
      runKey: job.runKey,
      imageSha256,
      modelId: model.id,
      modelName: model.name,
      modelVersion: model.version,
      weightsSha256: model.weightsSha256,
      paramsHash: job.paramsHash,
      params: job.params as DetectRunParams | ClassifyParams,
      detections: labeller ? await relabelDetections(engine, labeller, raster.source, detections, relabel!.minScore) : detections,
      ...(labeller ? { relabelledBy: { modelId: labeller.id, modelName: labeller.name, modelVersion: labeller.version, weightsSha256: labeller.weightsSha256 } } : {}),
      ...('tags' in result ? { tags: result.tags } : {}),
      ...('tiles' in result && result.tiles > 0 ? { tiles: result.tiles } : {}),
      backend: result.backend,
      elapsedMs: Math.round(performance.now() - t0),
      inferenceMs: Math.round(result.timings.inferenceMs),
      createdAt: new Date().toISOString(),
    };
    await putPrediction(store, record);
    await deleteCheckpoint(store, key);
    emit({ type: 'result', jobId: job.id, record, fromCache: false });
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
  async function detectOn(raster: BlobRaster, model: ModelManifest, params: DetectRunParams, tiles: TileTracker) {
    const { source, pixels } = raster;
    const { mode, overlap, wholeImagePass } = params.tiling;
    const tiled = mode === 'tiled' || (mode === 'auto' && shouldTile(source.width, source.height, model.input));
    if (tiled) {
      const tiling = { tileSize: model.input.width, overlap, wholeImagePass, resize: model.preprocessing.resize, perClass: suppressesPerClass(model) };
      return detectTiled(engine, model.id, source, params, tiling, tiles.onProgress, undefined, tiles.resumeFrom);
    }
    if (pixels) return engine.detect(model.id, pixels, params);
    return detectWhole(engine, model.id, source, params, model.input, model.preprocessing.resize);
  }

  const runner = new BatchRunner({
    saveJob: async (job) => saveJob(await database(), job),
    runImage,
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

/** A classifier sees the whole image at about its input size; a TIFF is read shrunk, from its overviews where present. */
function shrunk({ source }: BlobRaster, model: ModelManifest) {
  const read = wholeImageRead(source.width, source.height, model.input, model.preprocessing.resize);
  return source.readWindow(read.window, read.width, read.height);
}
