// The app's two long-lived resources, opened once and shared by the stores.
import { type EngineClient, type EngineWorker, startEngineWorker } from '../ml/client';
import { openWorkbenchDb, type WorkbenchDb } from '../storage';

let db: Promise<WorkbenchDb> | undefined;
let engine: EngineWorker | undefined;
const crashListeners = new Set<(message: string) => void>();

export function database(): Promise<WorkbenchDb> {
  db ??= openWorkbenchDb();
  return db;
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

export function onEngineCrash(listener: (message: string) => void): () => void {
  crashListeners.add(listener);
  return () => crashListeners.delete(listener);
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
