import * as Comlink from 'comlink';
import { type EvaluationProgress, type EvaluationWork, evaluationWork } from './evaluation-work';

let remote: EvaluationWork | undefined;

/** The evaluation worker, started on first use; where workers are missing, the same work on the page. */
export function evaluationWorker(): EvaluationWork {
  if (remote) return remote;
  if (typeof Worker === 'undefined') return (remote = evaluationWork);
  try {
    const worker = new Worker(new URL('./evaluation-worker.ts', import.meta.url), { type: 'module', name: 'evaluation' });
    remote = Comlink.wrap<EvaluationWork>(worker) as unknown as EvaluationWork;
  } catch {
    remote = evaluationWork;
  }
  return remote;
}

/** Wraps a progress callback so it can cross into the worker (comlink passes it by reference). */
export const evaluationProgress = (fn: EvaluationProgress): EvaluationProgress => (remote === evaluationWork ? fn : Comlink.proxy(fn));
