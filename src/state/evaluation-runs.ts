// The runs an evaluation can use: every run setting with cached results in the project, described for a person.
import type { DetectRunParams } from '../domain/detection';
import type { ModelManifest } from '../domain/model-manifest';
import type { ClassifyParams } from '../domain/tag';
import type { StoredRun } from '../storage';

export interface RunChoice {
  runKey: string;
  label: string;
  images: number;
  task: 'detect' | 'classify';
  /** The model and settings selected now (what "Run the model" adds results to). */
  current: boolean;
}

function describeParams(params: StoredRun['sample']['params']): string {
  if ('topK' in params) {
    const p = params as ClassifyParams;
    return `top ${p.topK}${p.stretch ? `, stretch ${p.stretch.low}–${p.stretch.high}` : ''}`;
  }
  const p = params as DetectRunParams;
  const tiling = p.tiling ? `, tiling ${p.tiling.mode}${p.tiling.mode !== 'whole' ? ` (${Math.round(p.tiling.overlap * 100)} % overlap${p.tiling.wholeImagePass ? ', + whole image' : ''})` : ''}` : '';
  return `NMS IoU ${p.iouThreshold}, ≤ ${p.maxDetections} boxes${tiling}${p.stretch ? `, stretch ${p.stretch.low}–${p.stretch.high}` : ''}`;
}

export function describeRuns(stored: readonly StoredRun[], models: readonly ModelManifest[], currentRun: string | null): RunChoice[] {
  return stored
    .map(({ runKey, sample, images }): RunChoice => {
      const model = models.find((m) => m.id === sample.modelId);
      const task = sample.tags ? 'classify' : 'detect';
      const name = model?.name ?? sample.modelId;
      return { runKey, images, task, current: runKey === currentRun, label: `${name} ${sample.modelVersion} · ${describeParams(sample.params)} · ${images} ${images === 1 ? 'image' : 'images'}` };
    })
    .sort((a, b) => Number(b.current) - Number(a.current) || a.label.localeCompare(b.label));
}
