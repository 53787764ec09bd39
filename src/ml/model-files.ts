import { sha256Hex } from '../domain/hash';
import { parseManifest, type ModelManifest } from '../domain/model-manifest';
import { tf } from './tf';

/** Reads a file of a model folder; fetch in the browser, fs in Node. */
export type ReadModelFile = (path: string) => Promise<ArrayBuffer>;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

export async function readManifest(read: ReadModelFile, modelDir: string): Promise<ModelManifest> {
  const where = `${modelDir}/manifest.json`;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(await read(where)));
  } catch (error) {
    throw new ModelFileError(`${where}: cannot be read as JSON (${(error as Error).message})`);
  }
  return parseManifest(json, where);
}

/** Reads one file of a model folder, refusing it unless manifest.json lists it with this SHA-256. */
export async function readVerifiedFile(read: ReadModelFile, modelDir: string, manifest: ModelManifest, path: string): Promise<ArrayBuffer> {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry) throw new ModelFileError(`${manifest.id}: ${path} is not listed in manifest.json`);
  let bytes: ArrayBuffer;
  try {
    bytes = await read(`${modelDir}/${path}`);
  } catch (error) {
    throw new ModelFileError(`${manifest.id}: ${path} could not be read (${(error as Error).message})`);
  }
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new ModelFileError(
      `${manifest.id}: ${path} does not match its manifest (SHA-256 ${actual.slice(0, 12)}…, expected ${entry.sha256.slice(0, 12)}…); the model files are damaged or replaced`,
    );
  }
  return bytes;
}

/** Reads model.json and its weight shards, refusing any file whose SHA-256 differs from the manifest. */
export async function readModelArtifacts(
  read: ReadModelFile,
  modelDir: string,
  manifest: ModelManifest,
): Promise<tf.io.ModelArtifacts> {
  const verified = (path: string) => readVerifiedFile(read, modelDir, manifest, path);

  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await verified('model.json'))) as ModelJson;
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(`${manifest.id}: model.json is not valid JSON`);
  }
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new ModelFileError(`${manifest.id}: model.json has no modelTopology or weightsManifest`);
  }
  const groups = modelJson.weightsManifest;
  // Keras/browser saves write "./weights.bin": the same file as "weights.bin".
  const shards = await Promise.all(groups.flatMap((g) => g.paths).map((p) => verified(p.replace(/^\.\//, ''))));
  return {
    modelTopology: modelJson.modelTopology as object,
    weightSpecs: groups.flatMap((g) => g.weights),
    weightData: concat(shards),
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy ?? null,
    signature: modelJson.signature as object,
    userDefinedMetadata: modelJson.userDefinedMetadata as object,
  } as tf.io.ModelArtifacts;
}

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  if (buffers.length === 1) return buffers[0]!;
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}
