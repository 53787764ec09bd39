import { create } from 'zustand';
import { DEFAULT_STRETCH } from '../domain/stretch';
import { DEFAULT_MIN_EXAMPLES, type TrainingTask } from '../domain/training/examples';
import { DEFAULT_SETTINGS, type EpochFigures, type WrongExample } from '../domain/training/record';
import { trainingCallback } from '../ml/training-client';
import type { TrainingEvent, TrainingInventory, TrainingResult } from '../ml/training/protocol';
import { readSetting } from '../storage';
import { useDetection } from './detection';
import { useGallery } from './gallery';
import { useLibrary } from './library';
import { database, databaseName, errorMessage, on } from './project-context';
import { clearUnderway, explainFailure, markUnderway, trainingApi, UNDERWAY_SETTING, type Underway } from './training-run';
import { STRETCH_SETTING } from './raster-setting';
import { changesSaved } from './review';

export type TrainingPhase = 'idle' | 'preparing' | 'embedding' | 'training' | 'saving' | 'done' | 'cancelled' | 'failed';

interface TrainingState {
  dialogOpen: boolean;
  task: TrainingTask;
  inventory: TrainingInventory | null;
  /** Labels ticked for training. */
  chosen: string[];
  name: string;
  valFraction: number;
  seed: number;
  minExamples: number;
  phase: TrainingPhase;
  /** What is being done now, or why it failed. */
  message: string | null;
  embedding: { done: number; total: number; cached: number } | null;
  history: EpochFigures[];
  maxEpochs: number;
  result: TrainingResult | null;
  /** A training that a reload or crash stopped, found when the dialog opened. */
  interrupted: Underway | null;
  openDialog(): Promise<void>;
  closeDialog(): void;
  setTask(task: TrainingTask): Promise<void>;
  toggle(label: string): void;
  set(patch: Partial<Pick<TrainingState, 'name' | 'valFraction' | 'seed' | 'minExamples'>>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  /** The validation examples the model got wrong, in the gallery (the first one opened). */
  showWrong(examples?: readonly WrongExample[]): void;
  reset(): void;
}

const defaultName = (task: TrainingTask) => (task === 'boxes' ? 'Box labeller' : 'Image classifier');
const running = (phase: TrainingPhase) => phase === 'preparing' || phase === 'embedding' || phase === 'training' || phase === 'saving';

export const useTraining = create<TrainingState>((set, get) => {
  async function loadInventory(task: TrainingTask): Promise<void> {
    set({ inventory: null, message: null });
    try {
      await changesSaved(); // the last edits count
      const inventory = await trainingApi().inventory(await databaseName(), task);
      if (get().task !== task) return;
      const enough = inventory.labels.filter((l) => l.examples >= get().minExamples).map((l) => l.label);
      set({ inventory, chosen: enough });
    } catch (error) {
      set({ message: `Could not read the reviewed annotations: ${errorMessage(error)}`, phase: 'failed' });
    }
  }

  function onEvent(event: TrainingEvent): void {
    if (event.phase === 'preparing') set({ phase: 'preparing', message: event.message });
    else if (event.phase === 'embedding') set({ phase: 'embedding', message: null, embedding: { done: event.done, total: event.total, cached: event.cached } });
    else if (event.phase === 'training') set((s) => ({ phase: 'training', message: null, maxEpochs: event.maxEpochs, history: [...s.history, event.figures] }));
    else set({ phase: 'saving', message: 'saving the model to the library' });
  }

  return {
    dialogOpen: false,
    task: 'boxes',
    inventory: null,
    chosen: [],
    name: defaultName('boxes'),
    valFraction: DEFAULT_SETTINGS.valFraction,
    seed: DEFAULT_SETTINGS.seed,
    minExamples: DEFAULT_MIN_EXAMPLES,
    phase: 'idle',
    message: null,
    embedding: null,
    history: [],
    maxEpochs: DEFAULT_SETTINGS.maxEpochs,
    result: null,
    interrupted: null,

    async openDialog() {
      set({ dialogOpen: true });
      if (running(get().phase)) return;
      const underway = await readSetting<Underway | null>(await database(), UNDERWAY_SETTING, null);
      if (underway) {
        set({ interrupted: underway });
        await clearUnderway();
      }
      await loadInventory(get().task);
    },

    closeDialog: () => set({ dialogOpen: false }),

    async setTask(task) {
      if (running(get().phase)) return;
      const renamed = get().name === defaultName(get().task);
      set({ task, chosen: [], ...(renamed ? { name: defaultName(task) } : {}), phase: 'idle', result: null, history: [], embedding: null });
      await loadInventory(task);
    },

    toggle: (label) => set((s) => ({ chosen: s.chosen.includes(label) ? s.chosen.filter((l) => l !== label) : [...s.chosen, label] })),
    set(patch) {
      // A label that falls below a higher minimum is left out (unticked), as the dialog shows it.
      const minimum = patch.minExamples ?? get().minExamples;
      const enough = (label: string) => (get().inventory?.labels.find((l) => l.label === label)?.examples ?? 0) >= minimum;
      set({ ...patch, chosen: get().chosen.filter(enough) });
    },

    async start() {
      const { task, chosen, name, valFraction, seed, minExamples } = get();
      if (running(get().phase)) return;
      set({ phase: 'preparing', message: 'starting', history: [], embedding: null, result: null, interrupted: null });
      const settings = { ...DEFAULT_SETTINGS, task, valFraction, seed, minExamples };
      const startedAt = new Date().toISOString();
      try {
        await changesSaved();
        await markUnderway({ startedAt, name, task });
        const db = await database();
        const stretch = await readSetting(db, STRETCH_SETTING, DEFAULT_STRETCH);
        const job = { dbName: await databaseName(), labels: chosen, settings, name: name.trim() || defaultName(task), backendChoice: useDetection.getState().backendChoice, stretch };
        const result = await trainingApi().train(job, trainingCallback(onEvent));
        set({ phase: 'done', message: null, result });
        await useDetection.getState().reloadModels();
      } catch (error) {
        const cancelled = /cancelled/.test(errorMessage(error));
        set({ phase: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'Training cancelled; nothing was saved, the earlier versions are as they were.' : await explainFailure(error) });
      } finally {
        await clearUnderway();
      }
    },

    async cancel() {
      if (running(get().phase)) await trainingApi().cancel();
    },

    showWrong(examples) {
      const wrong = examples ?? get().result?.record.wrong ?? [];
      const sha256s = [...new Set(wrong.map((w) => w.imageSha256))].filter((sha) => useLibrary.getState().images.some((i) => i.sha256 === sha));
      if (sha256s.length === 0) return;
      const model = get().result?.manifest.name ?? 'the model';
      useGallery.getState().setFilter({ imageSet: { name: `validation images ${model} got wrong`, sha256s: new Set(sha256s) } });
      useLibrary.getState().select(sha256s[0]!);
      set({ dialogOpen: false });
    },

    reset() {
      if (running(get().phase)) return;
      set({ inventory: null, chosen: [], phase: 'idle', message: null, embedding: null, history: [], result: null, interrupted: null, dialogOpen: false });
    },
  };
});

on('project-opened', () => useTraining.getState().reset());
