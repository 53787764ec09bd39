// The training worker as the page uses it, and what a reload or crash in the middle of training leaves behind: a
// marker that says a training was under way (nothing of it was saved; the model is written only at the end).
import { trainingWorker, type TrainingClient } from '../ml/training-client';
import { zipSync } from 'fflate';
import { libraryModelFiles, readSetting, writeSetting } from '../storage';
import { BACKBONE_ID } from '../ml/training/constants';
import { checkOfflineModels, notOfflineMessage } from '../pwa/offline-cache';
import { database, errorMessage } from './project-context';

export const UNDERWAY_SETTING = 'trainingUnderway';

export interface Underway {
  startedAt: string;
  name: string;
  task: string;
}

let crashed: string | null = null;

export function trainingApi(): TrainingClient {
  return trainingWorker((message) => {
    crashed = message;
  });
}

export async function markUnderway(underway: Underway): Promise<void> {
  await writeSetting(await database(), UNDERWAY_SETTING, underway);
}

export async function clearUnderway(): Promise<void> {
  const db = await database();
  if (await readSetting(db, UNDERWAY_SETTING, null)) await writeSetting(db, UNDERWAY_SETTING, null);
}

/**
 * A failure in words: the worker's reason; when the backbone could not be read while offline, which of its files the
 * offline cache lacks, and that they come back on the next online visit.
 */
export async function explainFailure(error: unknown): Promise<string> {
  const reason = (crashed ? `the training worker stopped (${crashed})` : errorMessage(error)).replace(/\.$/, '');
  crashed = null;
  const tail = ' Nothing was saved; earlier versions are as they were.';
  if (typeof navigator !== 'undefined' && !navigator.onLine && /backbone/.test(reason)) {
    const state = await checkOfflineModels().catch(() => null);
    const backbone = state?.kind === 'checked' ? state.models.find((m) => m.id === BACKBONE_ID && m.missing.length > 0) : undefined;
    if (backbone) return `Not trained: the backbone that makes the embeddings is missing. ${notOfflineMessage(backbone)}${tail}`;
  }
  return `Not trained: ${reason}.${tail}`;
}

/**
 * A library model's files in Teachable Machine's layout, zipped at the top level (model.json, weights.bin,
 * metadata.json): what Teachable Machine's library, Add model… and `--model <zip>` read.
 */
export async function teachableZip(sha256: string): Promise<Blob> {
  const files = await libraryModelFiles(sha256);
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  for (const path of ['model.json', 'weights.bin', 'metadata.json']) {
    const bytes = files.get(path);
    if (!bytes) throw new Error(`${path} is missing from the model library`);
    entries[path] = [bytes, { level: path.endsWith('.bin') ? 0 : 6 }];
  }
  return new Blob([zipSync(entries) as BlobPart], { type: 'application/zip' });
}
