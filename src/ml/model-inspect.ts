// From the files of a model someone brings to a proposed manifest: checks, a probe run, the proposal.
import type { ProbedOutput } from '../domain/model-import/decoder-fit';
import { ModelImportError } from '../domain/model-import/errors';
import type { ModelFiles } from '../domain/model-import/files';
import { hashModelFiles, modelIdentity } from '../domain/model-import/identity';
import { METADATA_FILES, readModelMetadata } from '../domain/model-import/metadata';
import { checkShards, type ModelJson, parseModelJson, shardPaths } from '../domain/model-import/model-json';
import { manifestProblems, type Proposal, proposeInput, proposeManifest } from '../domain/model-import/propose';
import type { ModelManifest } from '../domain/model-manifest';
import type { Engine } from './engine';
import type { ReadModelFile } from './model-files';
import { probeOutputs } from './model-probe';
import type { tf } from './tf';

/** Reads the files of a model held in memory, as if they were a folder `dir` (paths "dir/model.json"). */
export function memoryReader(files: ModelFiles, dir = '.'): ReadModelFile {
  return async (path) => {
    const relative = path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
    const bytes = files.get(relative);
    if (!bytes) throw new Error(`${relative} is not among the model's files`);
    return bytes.slice().buffer as ArrayBuffer;
  };
}

/** The files that make the model (model.json, its shards, the metadata it came with), in that order. */
export function modelFilePaths(model: ModelJson, files: ModelFiles): string[] {
  const metadata = METADATA_FILES.filter((p) => p !== 'manifest.json' && files.has(p));
  return ['model.json', ...shardPaths(model), ...metadata];
}

function artifactsOf(model: ModelJson, files: ModelFiles, raw: Record<string, unknown>): tf.io.ModelArtifacts {
  const shards = shardPaths(model).map((p) => files.get(p)!);
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let at = 0;
  for (const shard of shards) {
    weightData.set(shard, at);
    at += shard.byteLength;
  }
  return {
    modelTopology: model.topology,
    weightSpecs: model.weightGroups.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
    weightData: weightData.buffer,
    format: raw.format as string | undefined,
    generatedBy: raw.generatedBy as string | undefined,
    convertedBy: (raw.convertedBy as string | null | undefined) ?? null,
  };
}

export interface InspectedModel {
  proposal: Proposal;
  /** The model's files, keyed as the manifest lists them. */
  files: ModelFiles;
}

/**
 * Checks the files (model.json readable, every shard present and of the size its weights need, metadata readable,
 * a pinned manifest's hashes), runs the model once to see its outputs, and proposes a manifest.
 */
export async function inspectModelFiles(engine: Engine, files: ModelFiles, name: string): Promise<InspectedModel> {
  const json = files.get('model.json');
  if (!json) throw new ModelImportError('model.json is missing');
  const model = parseModelJson(json);
  checkShards(model, files);
  const metadata = readModelMetadata(files);
  const paths = metadata.pinned ? metadata.pinned.files.map((f) => f.path) : modelFilePaths(model, files);
  const missing = paths.filter((p) => !files.has(p));
  if (missing.length > 0) throw new ModelImportError(`manifest.json lists ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not among the files given`);
  const hashed = await hashModelFiles(files, paths);
  const { input, notes } = proposeInput(model, metadata);
  const raw = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
  const outputs = await probeOutputs(engine, artifactsOf(model, files, raw), model, input);
  const proposal = proposeManifest({ model, metadata, files: hashed, input, inputNotes: notes, outputs, name });
  return { proposal, files: new Map(paths.map((p) => [p, files.get(p)!])) };
}

/** Problems of a manifest someone edited, for the outputs the probe run showed. */
export function checkManifest(manifest: ModelManifest, outputs: readonly ProbedOutput[]): string[] {
  return manifestProblems(manifest, outputs);
}

/** The manifest with its identity filled in: id and version as given, weightsSha256 over its files and decoding choices. */
export async function identified(manifest: ModelManifest, id: string, version: (sha256: string) => string): Promise<ModelManifest> {
  const sha256 = await modelIdentity(manifest);
  return { ...manifest, id, version: version(sha256), weightsSha256: sha256 };
}
