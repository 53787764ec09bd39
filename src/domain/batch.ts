/** A run of one model over many images, persisted so a reload or crash resumes where it stopped. */
export interface BatchJob {
  id: string;
  modelId: string;
  runKey: string;
  /** Hash of `params`, the last part of runKey. */
  paramsHash: string;
  /** The inference parameters (opaque here; the worker passes them to the engine). */
  params: unknown;
  imageSha256s: string[];
  /** Images finished (result cached or failed), in order: the next one to run is imageSha256s[done]. */
  done: number;
  failures: Record<string, string>;
  status: 'running' | 'paused' | 'cancelled' | 'finished';
  createdAt: string;
  updatedAt: string;
}

export interface BatchProgress {
  jobId: string;
  status: BatchJob['status'];
  done: number;
  total: number;
  failed: number;
  imagesPerSecond: number | null;
  etaSeconds: number | null;
}

/** Progress with speed measured over this session's part of the job (earlier sessions' time is unknown). */
export function progressOf(job: BatchJob, doneAtSessionStart: number, sessionSeconds: number): BatchProgress {
  const doneNow = job.done - doneAtSessionStart;
  const rate = sessionSeconds > 0 && doneNow > 0 ? doneNow / sessionSeconds : null;
  const left = job.imageSha256s.length - job.done;
  return {
    jobId: job.id,
    status: job.status,
    done: job.done,
    total: job.imageSha256s.length,
    failed: Object.keys(job.failures).length,
    imagesPerSecond: rate,
    etaSeconds: rate ? left / rate : null,
  };
}

export const isUnfinished = (job: BatchJob) => job.status === 'running' || job.status === 'paused';

/** Why a model cannot be removed now: an unfinished (running or paused) batch run of it; undefined when none is. */
export function modelInUse(jobs: readonly BatchJob[], model: { id: string; name: string }): string | undefined {
  const job = jobs.find((j) => j.modelId === model.id && (j.status === 'running' || j.status === 'paused'));
  if (!job) return undefined;
  return `${model.name} is in use by a ${job.status} batch run (${job.done} of ${job.imageSha256s.length} images): cancel it or let it finish, then remove the model.`;
}
