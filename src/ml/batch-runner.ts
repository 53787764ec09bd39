import { type BatchJob, type BatchProgress, progressOf } from '../domain/batch';
import { describeError } from '../domain/error-text';

export type BatchEvent =
  | { type: 'progress'; progress: BatchProgress }
  | { type: 'failure'; jobId: string; imageSha256: string; reason: string };

export interface BatchPorts<R = void> {
  saveJob(job: BatchJob): Promise<void>;
  /** Runs (or finds cached) the result for one image; throws with a reason a person can read. */
  runImage(job: BatchJob, imageSha256: string): Promise<R>;
  /**
   * Saves the job's progress together with the results of the images it now counts as done, in their order (one
   * write for both, so a reload finds either both or neither). Without it, the job alone is saved.
   */
  commit?(job: BatchJob, results: R[]): Promise<void>;
  /** Results of images that finished after a pause or cancel: kept (cached), but not counted as done. */
  keep?(job: BatchJob, results: R[]): Promise<void>;
  /** Images worked on at once (default 1): while the model runs on one, the next ones are read and decoded. */
  concurrency?(job: BatchJob): number | Promise<number>;
  emit(event: BatchEvent): void;
  now(): number;
}

interface Active {
  job: BatchJob;
  doneAtStart: number;
  startedAt: number;
}

type Outcome<R> = { ok: true; result: R } | { ok: false; reason: string };

interface Running<R> {
  sha: string;
  settled: Promise<Outcome<R>>;
  outcome?: Outcome<R>;
}

/**
 * Runs batch jobs, one job at a time, several images of it at once, counting them done strictly in the job's
 * order and saving progress with each step, so that a reload continues where it stopped. An image that fails
 * is recorded and the batch goes on.
 */
export class BatchRunner<R = void> {
  private readonly queue: BatchJob[] = [];
  private active: Active | null = null;

  constructor(private readonly ports: BatchPorts<R>) {}

  /** Queues a job (new, or resumed after a reload) and starts it when the runner is free. */
  submit(job: BatchJob): void {
    // A job resumed while its paused run still waits for the images it had under way runs again once that run ends.
    const running = this.active?.job.id === job.id && this.active.job.status === 'running';
    if (running || this.queue.some((j) => j.id === job.id)) return;
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

  private launch(job: BatchJob, index: number): Running<R> {
    const sha = job.imageSha256s[index]!;
    const running: Running<R> = {
      sha,
      settled: this.ports.runImage(job, sha).then(
        (result): Outcome<R> => ({ ok: true, result }),
        (error: unknown): Outcome<R> => ({ ok: false, reason: describeError(error) }),
      ),
    };
    void running.settled.then((outcome) => (running.outcome = outcome));
    return running;
  }

  private async run(active: Active): Promise<void> {
    const { job } = active;
    const width = Math.max(1, await (this.ports.concurrency?.(job) ?? 1));
    const running: Running<R>[] = []; // images job.done, job.done + 1, … in order
    let next = job.done;
    let working = 0; // launched and not settled yet
    // An image that settles makes room for the next one at once, also while earlier ones wait to be counted or
    // their step is being written, so the reads and decodes ahead of the model never wait for a storage write.
    // Behind an image that takes long (a tiled one), at most twice `width` wait to be counted.
    const fill = () => {
      while (job.status === 'running' && next < job.imageSha256s.length && working < width && running.length < 2 * width) {
        const image = this.launch(job, next++);
        working++;
        running.push(image);
        void image.settled.then(() => {
          working--;
          fill();
        });
      }
    };
    this.report(job, active);
    while (true) {
      fill();
      const first = running.shift();
      if (!first) break;
      const counted: Outcome<R>[] = [await first.settled];
      // Images after it that are already done count in the same step (one write for all of them).
      while (running[0]?.outcome && job.status === 'running') counted.push(running.shift()!.outcome!);
      if (job.status !== 'running') {
        // Paused or cancelled while these ran: their results are kept, and they count next time.
        await this.ports.keep?.(job, counted.flatMap((o) => (o.ok ? [o.result] : [])));
        continue;
      }
      const results: R[] = [];
      for (const outcome of counted) {
        const sha = job.imageSha256s[job.done]!;
        if (outcome.ok) results.push(outcome.result);
        else {
          job.failures[sha] = outcome.reason;
          this.ports.emit({ type: 'failure', jobId: job.id, imageSha256: sha, reason: outcome.reason });
        }
        job.done++;
      }
      if (job.done === job.imageSha256s.length) job.status = 'finished';
      job.updatedAt = new Date().toISOString();
      await (this.ports.commit ? this.ports.commit(job, results) : this.ports.saveJob(job));
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
