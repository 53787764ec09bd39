import type { ModelManifest } from '../../domain/model-manifest';
import { loadUserModel } from '../model-source';
import { modelsRoot, readModelIndex, readModelManifest } from '../models-root';

export interface ModelsOptions {
  json: boolean;
  /** Folders (or model.json files, or zips) of models someone brought: shown with the manifest proposed for them. */
  paths?: string[];
  manifest?: string;
}

/**
 * Lists the bundled models from their manifests (without loading TF.js), then any given model folder with the
 * manifest the workbench proposes for it; with --json a folder's line is that whole manifest, ready to edit and pin.
 */
export async function runModels({ json, paths = [], manifest: pinned }: ModelsOptions, out: (line: string) => void): Promise<number> {
  const root = modelsRoot();
  const summaries = [];
  for (const id of await readModelIndex(root)) summaries.push(summarise(await readModelManifest(root, id)));
  if (json) for (const s of summaries) out(JSON.stringify(s));
  else printTable(summaries, out);
  if (paths.length === 0) return 0;
  // Loaded only for folders: proposing a manifest runs the model once.
  const { createNodeEngine } = await import('../../ml/node');
  const engine = createNodeEngine(root);
  for (const path of paths) {
    const { manifest, proposal } = await loadUserModel(engine, path, pinned);
    if (json) {
      out(JSON.stringify(manifest));
      continue;
    }
    out('');
    printTable([{ ...summarise(manifest), source: path }], out);
    out(`  recognised as ${proposal.recognisedAs}`);
    const { input, preprocessing: pre, decoder } = manifest;
    out(`  input ${input.name} ${input.width}×${input.height} ${input.layout} ${input.dtype}; ${pre.resize}${pre.resize === 'letterbox' ? ` (pad ${pre.padValue ?? 0})` : ''}; v × ${pre.scale.toPrecision(6)} + ${pre.offset}${pre.mean ? `, mean ${pre.mean.join('/')}, std ${pre.std?.join('/') ?? '1'}` : ''}; ${pre.colorOrder}`);
    out(`  decoder ${decoder.name} on ${decoder.outputs.join(', ')}; labels: ${manifest.labels.join(', ')}`);
    for (const note of proposal.notes) out(`  - ${note}`);
    out(`  weights SHA-256 ${manifest.weightsSha256}`);
  }
  return 0;
}

type Summary = ReturnType<typeof summarise> & { source?: string };

function printTable(summaries: Summary[], out: (line: string) => void): void {
  const idWidth = Math.max(...summaries.map((s) => s.id.length));
  for (const s of summaries) {
    const labels = `${s.labels} label${s.labels === 1 ? '' : 's'}`;
    out(`${s.id.padEnd(idWidth)}  ${s.task.padEnd(8)}  ${s.name}  (version ${s.version}, ${labels}, licence: ${s.licence})${s.source ? ` from ${s.source}` : ''}`);
  }
}

function summarise(m: ModelManifest) {
  const licence = m.source?.licence ?? 'unknown';
  return { id: m.id, task: m.task, name: m.name, version: m.version, labels: m.labels.length, licence };
}
