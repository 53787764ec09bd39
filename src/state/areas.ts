import { create } from 'zustand';
import { type AreaProgress, type AreaRun, areaProgress, areaRunKey } from '../domain/area-run';
import type { DetectRunParams } from '../domain/detection';
import { type Area, type AreaProblem, type GeoImage, groupAreas } from '../domain/geo/area';
import type { ImageRecord } from '../domain/image';
import { callback } from '../ml/client';
import type { WorkerEvent } from '../ml/protocol';
import { areaRunsFor } from '../storage';
import { useDetection } from './detection';
import { useLibrary } from './library';
import { database, errorMessage, inferenceEngine } from './project-context';

interface AreasState {
  /** Areas of the library's georeferenced images (recomputed when the images change). */
  areas: Area[];
  problems: AreaProblem[];
  /** Runs of the current model and setting, by area key. */
  runs: Record<string, AreaRun>;
  /** Live progress, by area key. */
  progress: Record<string, AreaProgress>;
  error: string | null;
  /** Reads the runs of the current run key and listens to the worker. */
  load(): Promise<void>;
  detect(area: Area): Promise<void>;
  pause(area: Area): Promise<void>;
  resume(area: Area): Promise<void>;
}

let groupedFrom: readonly ImageRecord[] | null = null;
let subscribed = false;

function georeferenced(images: readonly ImageRecord[]): GeoImage[] {
  return images.flatMap((i) => (i.georeference ? [{ sha256: i.sha256, fileName: i.fileName, width: i.width, height: i.height, georeference: i.georeference }] : []));
}

export const useAreas = create<AreasState>((set) => {
  function regroup(images: readonly ImageRecord[]): void {
    if (images === groupedFrom) return;
    groupedFrom = images;
    const { areas, problems } = groupAreas(georeferenced(images));
    set({ areas, problems });
  }
  useLibrary.subscribe((s, before) => {
    regroup(s.images);
    if (s.loaded && !before.loaded) {
      // Another project opened: its runs, not the last one's.
      set({ progress: {} });
      void readRuns();
    }
  });

  async function readRuns(): Promise<void> {
    const run = useDetection.getState().run;
    if (!run) return set({ runs: {} });
    const runs = await areaRunsFor(await database(), run);
    set({ runs: Object.fromEntries(runs.map((r) => [r.areaKey, r])) });
  }
  useDetection.subscribe((s, before) => {
    if (s.run !== before.run) void readRuns();
  });

  function onEvent(event: WorkerEvent): void {
    if (event.type !== 'area') return;
    const { progress } = event;
    set((s) => ({ progress: { ...s.progress, [progress.areaKey]: progress } }));
    if (progress.status !== 'running') void readRuns();
  }

  function spec(area: Area) {
    const { model, params, run } = useDetection.getState();
    if (!model || !params || !run) throw new Error('no model is ready yet');
    if (model.task !== 'detect' || !('tiling' in params)) throw new Error(`${model.name} is a classifier: choose a detector to detect objects in an area`);
    const { scoreThreshold, iouThreshold, maxDetections, stretch } = params as DetectRunParams;
    return {
      area,
      modelId: model.id,
      runKey: run,
      params: { scoreThreshold, iouThreshold, maxDetections, ...(stretch ? { stretch } : {}) },
      tiling: { tileSize: model.input.width, overlap: params.tiling.overlap },
    };
  }

  return {
    areas: [],
    problems: [],
    runs: {},
    progress: {},
    error: null,

    async load() {
      regroup(useLibrary.getState().images);
      await useDetection.getState().init();
      if (!subscribed) {
        subscribed = true;
        await inferenceEngine().subscribe(callback(onEvent));
        const unfinished = await inferenceEngine().resumeUnfinishedAreas();
        // Live progress that came in meanwhile is newer than what storage held when it was read.
        set((s) => ({ progress: { ...Object.fromEntries(unfinished.map((p) => [p.areaKey, p])), ...s.progress } }));
      }
      await readRuns();
    },

    async detect(area) {
      set({ error: null });
      try {
        const progress = await inferenceEngine().startArea(spec(area));
        set((s) => ({ progress: { ...s.progress, [area.key]: progress } }));
        if (progress.status === 'finished') await readRuns();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    async pause(area) {
      const run = useDetection.getState().run;
      if (run) await inferenceEngine().pauseArea(areaRunKey(area.key, run));
    },

    async resume(area) {
      const run = useDetection.getState().run;
      if (!run) return;
      set((s) => ({ progress: { ...s.progress, [area.key]: { ...s.progress[area.key]!, status: 'running' } } }));
      await inferenceEngine().resumeArea(areaRunKey(area.key, run));
    },
  };
});

/** The run shown for an area under the current run key: live progress where there is some, else what storage holds. */
export function areaStatus(area: Area, state: Pick<AreasState, 'runs' | 'progress'>, runKey: string | null): AreaProgress | null {
  if (!runKey) return null;
  const live = state.progress[area.key];
  if (live && live.key === areaRunKey(area.key, runKey)) return live;
  const run = state.runs[area.key];
  if (!run || run.runKey !== runKey) return null;
  return areaProgress(run);
}
