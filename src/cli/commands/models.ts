import type { ModelManifest } from '../../domain/model-manifest';
import { modelsRoot, readModelIndex, readModelManifest } from '../models-root';

export interface ModelsOptions {
  json: boolean;
}

/** Lists the bundled models from their manifests, without loading TF.js. */
export async function runModels({ json }: ModelsOptions, out: (line: string) => void): Promise<number> {
  const root = modelsRoot();
  const summaries = [];
  for (const id of await readModelIndex(root)) summaries.push(summarise(await readModelManifest(root, id)));
  if (json) {
    for (const s of summaries) out(JSON.stringify(s));
    return 0;
  }
  const idWidth = Math.max(...summaries.map((s) => s.id.length));
  for (const s of summaries) {
    const labels = `${s.labels} label${s.labels === 1 ? '' : 's'}`;
    out(`${s.id.padEnd(idWidth)}  ${s.task.padEnd(8)}  ${s.name}  (version ${s.version}, ${labels}, licence: ${s.licence})`);
  }
  return 0;
}

function summarise(m: ModelManifest) {
  const licence = m.source?.licence ?? 'unknown';
  return { id: m.id, task: m.task, name: m.name, version: m.version, labels: m.labels.length, licence };
}
