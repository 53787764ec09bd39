// The app's two long-lived resources, opened once and shared by the stores.
import { type EngineClient, type EngineWorker, startEngineWorker } from '../ml/client';
import { stopImportWorker } from '../platform/import-worker-client';
import { stopTiffDetailWorker } from '../platform/tiff-detail';
import { describeError } from '../domain/error-text';
import { projectDbName } from '../domain/project';
import { lastOpenProject, openWorkbenchDb, type WorkbenchDb } from '../storage';

let db: Promise<WorkbenchDb> | undefined;
/** The open project's database; until one is chosen, the one last open (remembered across reloads). */
let dbName: Promise<string> | undefined;
let engine: EngineWorker | undefined;
const crashListeners = new Set<(message: string) => void>();

export function database(): Promise<WorkbenchDb> {
  db ??= databaseName().then((name) => openWorkbenchDb(name));
  return db;
}

export function databaseName(): Promise<string> {
  dbName ??= lastOpenProject().then(projectDbName, () => projectDbName('default'));
  return dbName;
}

/** Closes the open project's database; the next database() call opens `name`. */
export async function switchDatabase(name: string): Promise<void> {
  const previous = db;
  db = undefined;
  dbName = Promise.resolve(name);
  if (previous) (await previous.catch(() => undefined))?.close();
}

export function inferenceEngine(): EngineClient {
  engine ??= startEngineWorker((message) => crashListeners.forEach((listener) => listener(message)));
  return engine.api;
}

/** Stops the worker (and everything it holds); the next inferenceEngine() call starts a fresh one. */
export function restartInferenceEngine(): void {
  engine?.terminate();
  engine = undefined;
}

/**
 * Ends every worker of the page (inference, import, TIFF detail) before the page reloads into a new version: a
 * worker still fetching through the old service worker while the browser replaces it can stall the activation
 * (seen in Chromium: the old worker restarts for the fetch and the new one stays waiting, so the reload never comes).
 * Work is saved as it is made; a batch resumes after the reload.
 */
export function stopWorkersForReload(): void {
  restartInferenceEngine();
  stopImportWorker();
  stopTiffDetailWorker();
}

export function onEngineCrash(listener: (message: string) => void): () => void {
  crashListeners.add(listener);
  return () => crashListeners.delete(listener);
}

/** What went wrong, in words, never empty (see describeError). */
export const errorMessage = describeError;
