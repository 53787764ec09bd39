import { type BatchJob, type BatchProgress, progressOf } from '../domain/batch';
import { describeError } from '../domain/error-text';

export type BatchEvent =
  | { type: 'progress'; progress: BatchProgress }
  | { type: 'failure'; jobId: string; imageSha256: string; reason: string };

export interface BatchPorts {
  saveJob(job: BatchJob): Promise<void>;
  /** Runs (or finds cached) the result for one image; throws with a reason a person can read. */
  runImage(job: BatchJob, imageSha256: string): Promise<void>;
  emit(event: BatchEvent): void;
  now(): number;
}

interface Active {
  job: BatchJob;
  doneAtStart: number;
  startedAt: number;
}

/**
 * Runs batch jobs one image at a time, one job at a time, saving progress after every image so that a
 * reload continues where it stopped. An image that fails is recorded and the batch goes on.
 */
export class BatchRunner {
  private readonly queue: BatchJob[] = [];
  private active: Active | null = null;

  constructor(private readonly ports: BatchPorts) {}

  /** Queues a job (new, or resumed after a reload) and starts it when the runner is free. */
  submit(job: BatchJob): void {
    if (this.active?.job.id === job.id || this.queue.some((j) => j.id === job.id)) return;
    this.queue.push(job);
    void this.next();
  }

  pause(jobId: string): Promise<void> {
    return this.setStatus(jobId, 'paused');
  }

  cancel(jobId: string): Promise<void> {
    return this.setStatus(jobId, 'cancelled');
  }

  async resume(job: BatchJob): Promise<void> {
    job.status = 'running';
    await this.persist(job);
    this.submit(job);
  }

  private async setStatus(jobId: string, status: 'paused' | 'cancelled'): Promise<void> {
    const job = this.active?.job.id === jobId ? this.active.job : this.queue.find((j) => j.id === jobId);
    if (!job) return;
    job.status = status;
    const queued = this.queue.indexOf(job);
    if (queued !== -1) this.queue.splice(queued, 1);
    await this.persist(job);
    this.report(job, this.active?.job === job ? this.active : null);
  }

  private async next(): Promise<void> {
    if (this.active) return;
    const job = this.queue.shift();
    if (!job) return;
    this.active = { job, doneAtStart: job.done, startedAt: this.ports.now() };
    try {
      await this.run(this.active);
    } finally {
      this.active = null;
      void this.next();
    }
  }

  private async run(active: Active): Promise<void> {
    const { job } = active;
    this.report(job, active);
    while (job.status === 'running' && job.done < job.imageSha256s.length) {
      const sha = job.imageSha256s[job.done]!;
      try {
        await this.ports.runImage(job, sha);
      } catch (error) {
        const reason = describeError(error);
        job.failures[sha] = reason;
        this.ports.emit({ type: 'failure', jobId: job.id, imageSha256: sha, reason });
      }
      if (job.status !== 'running') break; // paused or cancelled while this image ran: it counts next time
      job.done++;
      if (job.done === job.imageSha256s.length) job.status = 'finished';
      await this.persist(job);
      this.report(job, active);
    }
  }

  private async persist(job: BatchJob): Promise<void> {
    job.updatedAt = new Date().toISOString();
    await this.ports.saveJob(job);
  }

  private report(job: BatchJob, active: Active | null): void {
    const seconds = active ? (this.ports.now() - active.startedAt) / 1000 : 0;
    this.ports.emit({ type: 'progress', progress: progressOf(job, active?.doneAtStart ?? job.done, seconds) });
  }
}
