// What the evaluation worker does: read the reviewed images' annotations and the chosen runs' results from the
// project's database, and evaluate them. Plain functions, so tests run them on fake-indexeddb without a worker.
import { type Comparison, compareReports } from '../domain/eval/compare';
import { evaluationFiles } from '../domain/eval/coco-output';
import { type DetectionReport, judgeAt, type OperatingChoice, type PreparedEvaluation, prepareEvaluation } from '../domain/eval/evaluate';
import { type ProjectEvaluationSet, type ProjectImageData, projectEvaluationSet } from '../domain/eval/from-project';
import type { Annotation } from '../domain/annotation';
import { evaluateTags, type TagReport } from '../domain/eval/tags';
import type { ImageRecord } from '../domain/image';
import { annotationsOfMany, openWorkbenchDb, predictionsForRun } from '../storage';

/** Images whose annotations are read per transaction (and per progress report). */
const READ_CHUNK = 250;

export interface EvaluationRequest {
  dbName: string;
  /** The reviewed images in scope, in project order. */
  images: ImageRecord[];
  /** One run, or two to compare (the second against the first). */
  runKeys: string[];
  choice: OperatingChoice;
}

export interface RunEvaluation {
  runKey: string;
  /** Detector runs give boxes, classifier runs tags. */
  report: DetectionReport | null;
  tags: TagReport | null;
  evaluated: number;
  /** Reviewed images left out for want of a result (in this run, or, comparing, in either run). */
  noResult: number;
  /** Suggestions nobody decided on, on reviewed images: not truth. */
  undecided: number;
  /** Image SHA-256 → the file name it has in reports and exported files. */
  names: Record<string, string>;
}

export interface EvaluationOutcome {
  choice: OperatingChoice;
  runs: RunEvaluation[];
  comparison: Comparison | null;
}

export type EvaluationProgress = (fraction: number, phase: string) => void;

interface Kept {
  set: ProjectEvaluationSet;
  prepared: PreparedEvaluation | null;
  runKey: string;
}

/** The last evaluation's sets, kept so another IoU or threshold is judged without reading or matching again. */
let kept: Kept[] = [];

function outcomeAt(choice: OperatingChoice): EvaluationOutcome {
  const runs = kept.map(({ set, prepared, runKey }): RunEvaluation => {
    const classifier = set.tagImages.some((t) => t.predicted.length > 0) && set.images.every((i) => i.predicted.length === 0);
    return {
      runKey,
      report: prepared && !classifier ? judgeAt(prepared, choice) : null,
      tags: classifier ? evaluateTags(set.tagImages, choice.threshold) : null,
      evaluated: set.images.length,
      noResult: set.noResult,
      undecided: set.undecided,
      names: Object.fromEntries(set.nameOf),
    };
  });
  const [a, b] = runs;
  return { choice, runs, comparison: a?.report && b?.report ? compareReports(a.report, b.report) : null };
}

export const evaluationWork = {
  async evaluate(request: EvaluationRequest, progress?: EvaluationProgress): Promise<EvaluationOutcome> {
    const db = await openWorkbenchDb(request.dbName);
    let images: ImageRecord[];
    let data: ProjectImageData[][];
    try {
      const results = await Promise.all(request.runKeys.map((key) => predictionsForRun(db, key)));
      // Runs compared are compared on the same images: those every run has a result for.
      images = request.images.filter((image) => results.every((byImage) => byImage.has(image.sha256)));
      const annotations: Annotation[][] = [];
      for (let start = 0; start < images.length; start += READ_CHUNK) {
        progress?.((0.3 * start) / images.length, `reading annotations: ${start} of ${images.length} images`);
        annotations.push(...(await annotationsOfMany(db, images.slice(start, start + READ_CHUNK).map((i) => i.sha256))));
      }
      data = results.map((byImage) => images.map((image, i) => ({ image, annotations: annotations[i]!, prediction: byImage.get(image.sha256) })));
    } finally {
      // Never held open between evaluations: a project being deleted or upgraded must not wait on this worker.
      db.close();
    }
    kept = data.map((runData, r) => {
      const set = projectEvaluationSet(runData);
      const share = 0.65 / data.length;
      const start = 0.3 + r * share;
      const prepared = set.images.length ? prepareEvaluation(set.images, set.classes, (f, phase) => progress?.(start + f * share, phase)) : null;
      return { set: { ...set, noResult: request.images.length - images.length }, prepared, runKey: request.runKeys[r]! };
    });
    progress?.(0.97, 'judging boxes');
    return outcomeAt(request.choice);
  },

  /** The last evaluation at another IoU or score threshold. */
  async rejudge(choice: OperatingChoice): Promise<EvaluationOutcome> {
    if (kept.length === 0) throw new Error('nothing evaluated yet');
    return outcomeAt(choice);
  },

  /** The last evaluation's ground truth (COCO) and one run's results (a COCO results list), as pycocotools and `workbench evaluate` read them. */
  async files(run: number): Promise<{ groundTruth: string; results: string }> {
    const entry = kept[run];
    if (!entry) throw new Error(`no run ${run + 1} in the last evaluation`);
    const { images, named, classes } = entry.set;
    return evaluationFiles(images, named, classes);
  },
};

export type EvaluationWork = typeof evaluationWork;
