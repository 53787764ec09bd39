// Faces and persons for redaction, found by the bundled detectors through the inference worker (one small job
// per image not yet run, so the results are cached like any other run and the page's batch bar is not taken).
import type { DetectRunParams } from '../domain/detection';
import { DEFAULT_RUN_TILING } from '../domain/detection';
import type { RedactionRegion } from '../domain/evidence/redact';
import type { ImageRecord } from '../domain/image';
import type { ModelManifest } from '../domain/model-manifest';
import { defaultParams, inferenceParams, paramsHash, type PredictionRecord, runKey } from '../domain/prediction';
import { DEFAULT_STRETCH } from '../domain/stretch';
import { callback, type EngineClient } from '../ml/client';
import type { WorkerEvent } from '../ml/protocol';
import { predictionsForRun, readSetting } from '../storage';
import { useDetection } from './detection';
import { STRETCH_SETTING } from './raster-setting';
import { database, inferenceEngine, onEngineCrash } from './project-context';

export const FACE_MODEL = 'face-blazeface';
export const PERSON_MODEL = 'coco-centernet';

type Outcome = { record: PredictionRecord } | { reason: string };
const waiting = new Map<string, (outcome: Outcome) => void>();
/** Outcomes that arrived before startJob answered with the job's id. */
const early = new Map<string, Outcome>();
let subscribedTo: EngineClient | null = null;

function settle(jobId: string, outcome: Outcome): void {
  const resolve = waiting.get(jobId);
  if (resolve) {
    waiting.delete(jobId);
    resolve(outcome);
  } else early.set(jobId, outcome);
}

function onEvent(event: WorkerEvent): void {
  if (event.type === 'result') settle(event.jobId, { record: event.record });
  else if (event.type === 'failure') settle(event.jobId, { reason: event.reason });
  else if (event.type === 'progress' && event.progress.status === 'cancelled') settle(event.progress.jobId, { reason: 'the run was cancelled' });
}

// A worker that dies answers no job: each one waiting is told why instead of waiting forever.
onEngineCrash((message) => {
  for (const jobId of [...waiting.keys()]) settle(jobId, { reason: `the inference worker stopped (${message})` });
  subscribedTo = null;
});

async function engine(): Promise<EngineClient> {
  const client = inferenceEngine();
  if (subscribedTo !== client) {
    await client.subscribe(callback(onEvent));
    subscribedTo = client;
  }
  return client;
}

function outcomeOf(jobId: string): Promise<Outcome> {
  const known = early.get(jobId);
  if (known) {
    early.delete(jobId);
    return Promise.resolve(known);
  }
  return new Promise((resolve) => waiting.set(jobId, resolve));
}

/**
 * Runs a bundled detector over the images (cached results are used as they are) with the project's tiling and
 * stretch. Returns each image's detections, and the reason for each image the model could not read.
 */
async function detectWith(manifest: ModelManifest, images: readonly ImageRecord[], onProgress: (done: number) => void) {
  const db = await database();
  const tiling = await readSetting(db, 'tiling', DEFAULT_RUN_TILING);
  const stretch = await readSetting(db, STRETCH_SETTING, DEFAULT_STRETCH);
  const params = inferenceParams(manifest, tiling, stretch) as DetectRunParams;
  const hash = await paramsHash(params);
  const run = runKey(manifest, hash);
  const cached = await predictionsForRun(db, run);
  const results = new Map<string, PredictionRecord>();
  const failures = new Map<string, string>();
  for (const [index, image] of images.entries()) {
    const known = cached.get(image.sha256);
    if (known) results.set(image.sha256, known);
    else {
      const client = await engine();
      const job = await client.startJob({ modelId: manifest.id, runKey: run, paramsHash: hash, params, imageSha256s: [image.sha256] });
      const outcome = await outcomeOf(job.id);
      if ('record' in outcome) results.set(image.sha256, outcome.record);
      else failures.set(image.sha256, outcome.reason);
    }
    onProgress(index + 1);
  }
  return { results, failures };
}

export class RegionSearchError extends Error {
  override name = 'RegionSearchError';
}

/**
 * Faces (BlazeFace) and persons (CenterNet's `person`) on each image, at the model's own score threshold.
 * Throws naming every image a model could not read: an image that was not searched must not leave unredacted.
 */
export async function detectedRegions(
  images: readonly ImageRecord[],
  wanted: { faces: boolean; persons: boolean },
  onProgress: (what: string, done: number, total: number) => void,
): Promise<Map<string, RedactionRegion[]>> {
  const regions = new Map<string, RedactionRegion[]>(images.map((i) => [i.sha256, []]));
  const searches = [
    ...(wanted.faces ? [{ modelId: FACE_MODEL, what: 'face', label: 'face' }] : []),
    ...(wanted.persons ? [{ modelId: PERSON_MODEL, what: 'person', label: 'person' }] : []),
  ];
  for (const search of searches) {
    const manifest = useDetection.getState().models.find((m) => m.id === search.modelId);
    if (!manifest || manifest.task !== 'detect') throw new RegionSearchError(`the ${search.what} detector (${search.modelId}) is not installed`);
    const threshold = defaultParams(manifest).scoreThreshold;
    const { results, failures } = await detectWith(manifest, images, (done) => onProgress(`looking for ${search.what}s`, done, images.length));
    if (failures.size > 0) {
      const names = images.filter((i) => failures.has(i.sha256)).map((i) => `${i.fileName} (${failures.get(i.sha256)})`);
      throw new RegionSearchError(`the ${search.what} detector could not read ${names.join('; ')}`);
    }
    for (const image of images) {
      const found = results.get(image.sha256)!.detections.filter((d) => d.label === search.label && d.score >= threshold);
      regions.get(image.sha256)!.push(...found.map((d) => ({ what: search.what, box: d.box })));
    }
  }
  return regions;
}
