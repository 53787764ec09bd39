import { describe, expect, it } from 'vitest';
import type { BatchJob, BatchProgress } from '../../src/domain/batch';
import { progressOf } from '../../src/domain/batch';
import { type BatchEvent, BatchRunner } from '../../src/ml/batch-runner';

const newJob = (shas: string[], done = 0): BatchJob => ({
  id: `job-${shas.join('')}`,
  modelId: 'm',
  runKey: 'r',
  paramsHash: 'p',
  params: {},
  imageSha256s: shas,
  done,
  failures: {},
  status: 'running',
  createdAt: '2026-01-01',
  updatedAt: '2026-01-01',
});

function harness(run: (sha: string) => Promise<void>) {
  const saved: BatchJob[] = [];
  const events: BatchEvent[] = [];
  const ran: string[] = [];
  let clock = 0;
  const runner = new BatchRunner({
    saveJob: async (job) => void saved.push(structuredClone(job)),
    runImage: async (_job, sha) => {
      ran.push(sha);
      clock += 500;
      await run(sha);
    },
    emit: (event) => events.push(event),
    now: () => clock,
  });
  const progress = () => events.filter((e): e is { type: 'progress'; progress: BatchProgress } => e.type === 'progress').map((e) => e.progress);
  const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
  return { runner, saved, events, ran, progress, settled };
}

describe('BatchRunner', () => {
  it('runs every image in order, saves progress after each, and finishes', async () => {
    const h = harness(async () => undefined);
    h.runner.submit(newJob(['a', 'b', 'c']));
    await h.settled();
    expect(h.ran).toEqual(['a', 'b', 'c']);
    expect(h.saved.map((j) => [j.done, j.status])).toEqual([[1, 'running'], [2, 'running'], [3, 'finished']]);
    const last = h.progress().at(-1)!;
    expect(last).toMatchObject({ done: 3, total: 3, status: 'finished', failed: 0 });
    expect(last.imagesPerSecond).toBeCloseTo(2); // 3 images in 1.5 s of clock
  });

  it('records a failing image with its reason and goes on with the rest', async () => {
    const h = harness(async (sha) => {
      if (sha === 'b') throw new Error('the browser could not decode this image/jpeg');
    });
    h.runner.submit(newJob(['a', 'b', 'c']));
    await h.settled();
    expect(h.ran).toEqual(['a', 'b', 'c']);
    expect(h.events).toContainEqual({ type: 'failure', jobId: 'job-abc', imageSha256: 'b', reason: 'the browser could not decode this image/jpeg' });
    expect(h.saved.at(-1)).toMatchObject({ status: 'finished', done: 3, failures: { b: 'the browser could not decode this image/jpeg' } });
  });

  it('resumes a saved job where it stopped, without running finished images again', async () => {
    const h = harness(async () => undefined);
    h.runner.submit(newJob(['a', 'b', 'c', 'd'], 2));
    await h.settled();
    expect(h.ran).toEqual(['c', 'd']);
  });

  it('pauses after the current image and resumes later; cancel stops for good', async () => {
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    const h = harness(gate);
    const job = newJob(['a', 'b', 'c']);
    h.runner.submit(job);
    await h.settled();
    await h.runner.pause(job.id);
    release();
    await h.settled();
    expect(h.ran).toEqual(['a']);
    expect(h.saved.at(-1)).toMatchObject({ status: 'paused', done: 0 });
    const resumed = structuredClone(h.saved.at(-1)!);
    void h.runner.resume(resumed);
    await h.settled();
    expect(h.ran).toEqual(['a', 'a']); // 'a' did not count as done when the pause came mid-image
    await h.runner.cancel(resumed.id);
    release();
    await h.settled();
    expect(h.ran).toEqual(['a', 'a']);
    expect(h.saved.at(-1)!.status).toBe('cancelled');
  });

  it('resumed while the paused run still waits for its image under way, runs on to the end', async () => {
    let release: () => void = () => undefined;
    const gate = () => new Promise<void>((resolve) => (release = resolve));
    const h = harness(gate);
    const job = newJob(['a', 'b']);
    h.runner.submit(job);
    await h.settled();
    await h.runner.pause(job.id);
    // Resumed (as the worker does: the job read back from storage) before image 'a' has finished.
    const resumed = structuredClone(h.saved.at(-1)!);
    await h.runner.resume(resumed);
    release(); // 'a' finishes under the pause: kept, not counted; the resumed job starts again at 'a'
    await h.settled();
    release();
    await h.settled();
    release();
    await h.settled();
    expect(h.ran).toEqual(['a', 'a', 'b']);
    expect(h.saved.at(-1)).toMatchObject({ status: 'finished', done: 2 });
  });

  it('reports speed and time left from the images of this session only', () => {
    const job = { ...newJob(['a', 'b', 'c', 'd', 'e']), done: 4 };
    expect(progressOf(job, 2, 4)).toMatchObject({ done: 4, total: 5, imagesPerSecond: 0.5, etaSeconds: 2 });
    expect(progressOf(job, 4, 0)).toMatchObject({ imagesPerSecond: null, etaSeconds: null });
  });
});

describe('BatchRunner with several images in flight', () => {
  /** Images finish when the test says so, in any order; commits and kept results are recorded. */
  function parallelHarness(width: number, commitGate?: Promise<void>) {
    const gates = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
    const commits: { done: number; status: string; results: string[] }[] = [];
    const kept: string[][] = [];
    const started: string[] = [];
    const events: BatchEvent[] = [];
    const runner = new BatchRunner<string>({
      saveJob: async () => undefined,
      runImage: (_job, sha) =>
        new Promise<string>((resolve, reject) => {
          started.push(sha);
          gates.set(sha, { resolve, reject });
        }),
      commit: async (job, results) => {
        commits.push({ done: job.done, status: job.status, results });
        await commitGate;
      },
      keep: async (_job, results) => void kept.push(results),
      concurrency: () => width,
      emit: (event) => events.push(event),
      now: () => 0,
    });
    const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 10));
    const finish = async (sha: string) => {
      gates.get(sha)!.resolve(`result ${sha}`);
      await settled();
    };
    const fail = async (sha: string, reason: string) => {
      gates.get(sha)!.reject(new Error(reason));
      await settled();
    };
    return { runner, commits, kept, started, events, settled, finish, fail };
  }

  it('works on several at once and counts them in the job order, those done together in one commit', async () => {
    const h = parallelHarness(3);
    h.runner.submit(newJob(['a', 'b', 'c', 'd', 'e']));
    await h.settled();
    expect(h.started).toEqual(['a', 'b', 'c']);
    await h.finish('c');
    await h.finish('b');
    expect(h.commits).toEqual([]); // 'a' is not done: nothing counts yet
    await h.finish('a');
    expect(h.commits).toEqual([{ done: 3, status: 'running', results: ['result a', 'result b', 'result c'] }]);
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    await h.fail('d', 'corrupt PNG');
    await h.finish('e');
    expect(h.commits.at(-1)).toEqual({ done: 5, status: 'finished', results: ['result e'] });
    expect(h.events).toContainEqual({ type: 'failure', jobId: 'job-abcde', imageSha256: 'd', reason: 'corrupt PNG' });
  });

  it('starts the next image as soon as one finishes, without waiting for a step to be written, and holds at most twice as many uncounted', async () => {
    let written!: () => void;
    const h = parallelHarness(2, new Promise<void>((resolve) => (written = resolve)));
    h.runner.submit(newJob(['a', 'b', 'c', 'd', 'e', 'f', 'g']));
    await h.settled();
    expect(h.started).toEqual(['a', 'b']);
    await h.finish('a'); // its step is being written (and stays so)
    expect(h.commits).toEqual([{ done: 1, status: 'running', results: ['result a'] }]);
    expect(h.started).toEqual(['a', 'b', 'c']);
    await h.finish('b');
    await h.finish('c');
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e']); // b, c wait to be counted; d, e are under way
    await h.finish('d');
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e']); // b, c, d, e uncounted: twice the width
    written();
    await h.settled();
    expect(h.commits.at(-1)).toEqual({ done: 4, status: 'running', results: ['result b', 'result c', 'result d'] });
    expect(h.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f']); // e, f under way
  });

  it('on pause starts nothing new, keeps what finishes afterwards without counting it, and resumes at the first not counted', async () => {
    const h = parallelHarness(2);
    const job = newJob(['a', 'b', 'c', 'd']);
    h.runner.submit(job);
    await h.settled();
    await h.finish('a');
    expect(h.commits.at(-1)).toMatchObject({ done: 1, results: ['result a'] });
    expect(h.started).toEqual(['a', 'b', 'c']);
    await h.runner.pause(job.id);
    await h.finish('c');
    await h.finish('b');
    expect(h.kept.flat()).toEqual(['result b', 'result c']);
    expect(h.started).toEqual(['a', 'b', 'c']);
    expect(job).toMatchObject({ status: 'paused', done: 1 });
    void h.runner.resume(job);
    await h.settled();
    expect(h.started.slice(3)).toEqual(['b', 'c']); // found in the cache by the real runImage
  });
});
