import { strToU8, zipSync } from 'fflate';
import { create } from 'zustand';
import { BACKGROUND, type ConfusionCell } from '../domain/eval/confusion';
import type { OperatingChoice } from '../domain/eval/evaluate';
import { reviewedImages } from '../domain/eval/from-project';
import type { CurvePoint } from '../domain/eval/operating-point';
import { evaluationJson, tagJson } from '../domain/eval/report-json';
import type { EvaluationOutcome } from '../platform/evaluation-work';
import { evaluationProgress, evaluationWorker } from '../platform/evaluation-worker-client';
import { listRuns } from '../storage';
import { useDetection } from './detection';
import { describeRuns, type RunChoice } from './evaluation-runs';
import { useGallery } from './gallery';
import { useLibrary } from './library';
import { changesSaved } from './review';
import { useSelection } from './selection';
import { database, databaseName, errorMessage, on } from './project-context';

export type { RunChoice } from './evaluation-runs';

interface EvaluationState {
  dialogOpen: boolean;
  runs: RunChoice[];
  scope: 'project' | 'selection';
  runA: string | null;
  /** A second run to compare with the first; null for none. */
  runB: string | null;
  iou: number;
  threshold: number;
  running: boolean;
  progress: { fraction: number; phase: string } | null;
  error: string | null;
  outcome: EvaluationOutcome | null;
  /** Images in scope and how many of them were not reviewed (left out), when the outcome was made. */
  scopeCounts: { inScope: number; notReviewed: number } | null;
  /** The scope or runs changed since the outcome was made: it answers an earlier question. */
  stale: boolean;
  /** Which run's charts and marks are shown (0: the first, 1: the one compared). */
  shownRun: 0 | 1;
  /** Whether the viewer draws true positives, false positives and missed boxes. */
  marksVisible: boolean;
  openDialog(): Promise<void>;
  closeDialog(): void;
  choose(patch: Partial<Pick<EvaluationState, 'scope' | 'runA' | 'runB' | 'iou' | 'threshold' | 'shownRun'>>): void;
  evaluate(): Promise<void>;
  /** Runs the current model on the reviewed images it has no result for, then evaluates that run. */
  runModelForEvaluation(): Promise<void>;
  /** The same evaluation at another IoU or score threshold. */
  judge(patch: Partial<OperatingChoice>): Promise<void>;
  /** Filters the gallery to a confusion cell's images and opens the first, marks shown. */
  showCell(cell: ConfusionCell): void;
  /** Takes a curve point's score as the threshold and shows the images with that class's errors there. */
  showPoint(label: string, point: CurvePoint): Promise<void>;
  /** Shows the images where a tag was predicted wrongly or missed. */
  showTag(tag: string): void;
  toggleMarks(): void;
  reportBlob(): Blob | null;
  filesBlob(): Promise<Blob | null>;
  reset(): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the gallery says it shows after a click on a cell. */
function cellName({ truth, predicted }: ConfusionCell): string {
  if (truth === BACKGROUND) return `${predicted}: false alarms`;
  if (predicted === BACKGROUND) return `${truth}: missed`;
  return truth === predicted ? `${truth}: found` : `${truth} taken for ${predicted}`;
}

export const useEvaluation = create<EvaluationState>((set, get) => {
  function scopeImages() {
    const picked = useSelection.getState().picked;
    return reviewedImages(useLibrary.getState().images, get().scope === 'selection' ? picked : null);
  }

  /** Filters the gallery to these images and opens the first, with the evaluation's marks on it. */
  function showImages(name: string, sha256s: readonly string[]) {
    if (sha256s.length === 0) return;
    useGallery.getState().setFilter({ imageSet: { name, sha256s: new Set(sha256s) } });
    useLibrary.getState().select(sha256s[0]!);
    set({ marksVisible: true, dialogOpen: false });
  }

  return {
    dialogOpen: false,
    runs: [],
    scope: 'project',
    runA: null,
    runB: null,
    iou: 0.5,
    threshold: 0.5,
    running: false,
    progress: null,
    error: null,
    outcome: null,
    scopeCounts: null,
    stale: false,
    shownRun: 0,
    marksVisible: false,

    async openDialog() {
      const detection = useDetection.getState();
      set({ dialogOpen: true, error: null, scope: useSelection.getState().picked.size > 0 ? 'selection' : 'project' });
      try {
        const runs = describeRuns(await listRuns(await database()), detection.models, detection.run);
        const { runA, outcome } = get();
        set({
          runs,
          runA: runs.some((r) => r.runKey === runA) ? runA : (runs.find((r) => r.current) ?? runs[0])?.runKey ?? null,
          ...(outcome ? {} : { threshold: detection.model?.task === 'detect' ? detection.scoreThreshold : 0.5 }),
        });
      } catch (error) {
        set({ error: `Could not list the cached runs: ${errorMessage(error)}` });
      }
    },

    closeDialog: () => set({ dialogOpen: false }),

    choose: (patch) => set((s) => ({ ...patch, stale: s.stale || (s.outcome !== null && ('scope' in patch || 'runA' in patch || 'runB' in patch)) })),

    async evaluate() {
      const { runA, runB, iou, threshold } = get();
      if (!runA) return set({ error: 'Choose the run to evaluate (run a model on the reviewed images first).' });
      const { reviewed, notReviewed } = scopeImages();
      if (reviewed.length === 0) {
        return set({ error: `No reviewed images ${get().scope === 'selection' ? 'among those picked' : 'in the project'}: review images and mark them reviewed (Shift+Enter) first.` });
      }
      set({ running: true, error: null, progress: { fraction: 0, phase: 'starting' } });
      try {
        await changesSaved(); // the worker reads the database: edits made a moment ago must be in it
        const worker = evaluationWorker();
        const runKeys = runB && runB !== runA ? [runA, runB] : [runA];
        // Progress comes over its own channel and may land after the result: only while running does it show.
        const onProgress = evaluationProgress((fraction, phase) => set((s) => (s.running ? { progress: { fraction, phase } } : {})));
        const outcome = await worker.evaluate({ dbName: await databaseName(), images: reviewed, runKeys, choice: { iou, threshold } }, onProgress);
        set({ outcome, scopeCounts: { inScope: reviewed.length + notReviewed, notReviewed }, shownRun: 0, stale: false });
      } catch (error) {
        set({ error: `Evaluation failed: ${errorMessage(error)}` });
      } finally {
        set({ running: false, progress: null });
      }
    },

    async runModelForEvaluation() {
      const detection = useDetection.getState();
      if (!detection.model || !detection.run) return set({ error: 'No model is ready.' });
      if (detection.batch) return set({ error: 'A batch is running: wait for it, or cancel it (Esc), first.' });
      const todo = scopeImages().reviewed.filter((i) => !detection.results[i.sha256]);
      const run = detection.run;
      set({ error: null, running: true, progress: { fraction: 0, phase: `running ${detection.model.name} on ${plural(todo.length, 'image')}` } });
      const answered = (s: ReturnType<typeof useDetection.getState>) => todo.every((i) => s.results[i.sha256] || s.failures[i.sha256]);
      try {
        await detection.detectAll(todo);
        await new Promise<void>((resolve) => {
          if (answered(useDetection.getState())) return resolve();
          const stop = useDetection.subscribe((s) => {
            const done = todo.filter((i) => s.results[i.sha256] || s.failures[i.sha256]).length;
            set({ progress: { fraction: done / Math.max(1, todo.length), phase: `running ${detection.model!.name}: ${done} of ${todo.length} images` } });
            if (answered(s)) {
              stop();
              resolve();
            }
          });
        });
        set({ runs: describeRuns(await listRuns(await database()), detection.models, run), runA: run });
      } catch (error) {
        set({ error: `The model could not run: ${errorMessage(error)}` });
        return;
      } finally {
        set({ running: false, progress: null });
      }
      await get().evaluate();
    },

    async judge(patch) {
      const choice = { iou: patch.iou ?? get().iou, threshold: patch.threshold ?? get().threshold };
      set({ ...choice, error: null });
      if (!get().outcome) return;
      try {
        set({ outcome: await evaluationWorker().rejudge(choice) });
      } catch (error) {
        set({ error: `Could not judge again: ${errorMessage(error)}` });
      }
    },

    showCell(cell) {
      showImages(cellName(cell), cell.images);
    },

    async showPoint(label, point) {
      await get().judge({ threshold: point.score });
      const report = get().outcome?.runs[get().shownRun]?.report;
      if (!report) return;
      const of = (kinds: readonly string[]) =>
        Object.entries(report.marks)
          .filter(([, marks]) => marks.some((m) => m.label === label && kinds.includes(m.kind)))
          .map(([sha]) => sha);
      const errors = of(['fp', 'missed']);
      const at = `score ≥ ${point.score.toFixed(2)}`;
      // Without a single error there, the images the class was found on.
      if (errors.length) showImages(`${label}: errors at ${at}`, errors);
      else showImages(`${label}: found at ${at}`, of(['tp']));
    },

    showTag(tag) {
      const tags = get().outcome?.runs[get().shownRun]?.tags;
      if (!tags) return;
      showImages(`tag ${tag}: wrong`, Object.entries(tags.wrong).filter(([, wrong]) => wrong.includes(tag)).map(([sha]) => sha));
    },

    toggleMarks: () => set((s) => ({ marksVisible: !s.marksVisible })),

    reportBlob() {
      const { outcome, runs } = get();
      if (!outcome) return null;
      const label = (key: string) => runs.find((r) => r.runKey === key)?.label ?? key;
      const first = outcome.runs[0]!;
      const notes = outcome.runs.flatMap((r) => [
        ...(r.noResult ? [`${label(r.runKey)}: ${plural(r.noResult, 'reviewed image')} without a result: left out`] : []),
        ...(r.undecided ? [`${plural(r.undecided, 'suggestion')} left undecided on reviewed images: not counted as truth`] : []),
      ]);
      const nameOf = (sha: string) => first.names[sha] ?? sha;
      const json = first.report
        ? evaluationJson(
            outcome.runs.filter((r) => r.report).map((r) => ({ report: r.report!, predictions: label(r.runKey) })),
            { groundTruth: 'reviewed annotations', notes, nameOf },
          )
        : { groundTruth: 'reviewed annotations', predictions: label(first.runKey), tags: first.tags && tagJson(first.tags), notes };
      return new Blob([`${JSON.stringify(json, null, 1)}\n`], { type: 'application/json' });
    },

    async filesBlob() {
      const { outcome } = get();
      if (!outcome) return null;
      const worker = evaluationWorker();
      const entries: Record<string, Uint8Array> = {};
      for (const [i] of outcome.runs.entries()) {
        const { groundTruth, results } = await worker.files(i);
        const suffix = outcome.runs.length > 1 ? `-${'ab'[i]}` : '';
        entries[`ground-truth${suffix}.json`] = strToU8(groundTruth);
        entries[`predictions${suffix}.json`] = strToU8(results);
      }
      return new Blob([zipSync(entries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
    },

    reset: () => set({ outcome: null, scopeCounts: null, stale: false, runs: [], runA: null, runB: null, marksVisible: false, error: null, dialogOpen: false }),
  };
});

on('project-opened', () => useEvaluation.getState().reset());
