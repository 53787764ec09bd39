// Batch jobs inside the worker: images are read from IndexedDB here and results written here, so inference
// work never crosses to the page; the page only hears progress and results.
import type { BatchJob } from '../domain/batch';
import { isUnfinished } from '../domain/batch';
import type { DetectParams } from '../domain/detection';
import type { ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import { predictionKey, type PredictionRecord } from '../domain/prediction';
import { decodeToPixels } from '../platform/image-decode';
import { getImageBlob, getPrediction, loadJob, openWorkbenchDb, putPrediction, saveJob, unfinishedJobs } from '../storage';
import { BatchRunner } from './batch-runner';
import type { Engine } from './engine';
import type { JobSpec, WorkerEvent } from './protocol';

export function createJobService(
  engine: Engine,
  modelOf: (modelId: string) => Promise<ModelManifest>,
  emit: (event: WorkerEvent) => void,
) {
  const db = openWorkbenchDb();

  async function runImage(job: BatchJob, imageSha256: string): Promise<void> {
    const store = await db;
    const key = predictionKey(imageSha256, job.runKey);
    if (await getPrediction(store, key)) return; // computed before (another job, or before a reload)
    const model = await modelOf(job.modelId);
    const blob = await getImageBlob(store, imageSha256);
    if (!blob) throw new Error('the image bytes are missing from storage');
    const t0 = performance.now();
    const pixels = await decodeToPixels(blob);
    const result =
      model.task === 'classify'
        ? await engine.classify(model.id, pixels, job.params as ClassifyParams)
        : await engine.detect(model.id, pixels, job.params as DetectParams);
    const record: PredictionRecord = {
      key,
      runKey: job.runKey,
      imageSha256,
      modelId: model.id,
      modelVersion: model.version,
      weightsSha256: model.weightsSha256,
      paramsHash: job.runKey.slice(job.runKey.lastIndexOf('|') + 1),
      params: job.params as DetectParams | ClassifyParams,
      detections: 'detections' in result ? result.detections : [],
      ...('tags' in result ? { tags: result.tags } : {}),
      backend: result.backend,
      elapsedMs: Math.round(performance.now() - t0),
      createdAt: new Date().toISOString(),
    };
    await putPrediction(store, record);
    emit({ type: 'result', jobId: job.id, record });
  }

  const runner = new BatchRunner({
    saveJob: async (job) => saveJob(await db, job),
    runImage,
    emit,
    now: () => performance.now(),
  });

  return {
    async start(spec: JobSpec): Promise<BatchJob> {
      const now = new Date().toISOString();
      const job: BatchJob = { ...spec, id: crypto.randomUUID(), done: 0, failures: {}, status: 'running', createdAt: now, updatedAt: now };
      await saveJob(await db, job);
      runner.submit(job);
      return job;
    },
    pause: (jobId: string) => runner.pause(jobId),
    cancel: (jobId: string) => runner.cancel(jobId),
    async resume(jobId: string): Promise<void> {
      const job = await loadJob(await db, jobId);
      if (job && isUnfinished(job)) await runner.resume(job);
    },
    /** After a reload: running jobs continue at once, paused ones are reported and wait. */
    async resumeUnfinished(): Promise<BatchJob[]> {
      const jobs = await unfinishedJobs(await db);
      for (const job of jobs) {
        if (job.status === 'running') runner.submit(job);
      }
      return jobs;
    },
  };
}
