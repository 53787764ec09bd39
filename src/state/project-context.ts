// The project context: the open project's database, the inference engine, and the events the stores follow.
// Stores never write each other's state; each subscribes here to what it shows (see "Where things live" in the README).
import type { ImageRecord } from '../domain/image';
import { type EngineClient, type EngineWorker, startEngineWorker } from '../ml/client';
import { stopImportWorker } from '../platform/import-worker-client';
import { stopTiffDetailWorker } from '../platform/tiff-detail';
import { describeError } from '../domain/error-text';
import { projectDbName } from '../domain/project';
import { lastOpenProject, onChangeWritten, openWorkbenchDb, type WorkbenchDb, type WrittenChange } from '../storage';

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

/** Where a change was made: in this page, or in another tab on the same project (passed on by tab-sync). */
export type Origin = 'this-tab' | 'other-tab';

/** What happened to the open project, for the stores that show it. Events with an origin are shared between tabs. */
export type ProjectEvent =
  | { type: 'project-closing' }
  | { type: 'project-opened'; database: string }
  /** An annotation change, its audit entry, the image's summary and review status, committed together. */
  | { type: 'change-committed'; written: WrittenChange; origin: Origin }
  | { type: 'images-added'; images: readonly ImageRecord[]; origin: Origin }
  /** Records rewritten in place: review status, CRS, evidence read later. */
  | { type: 'images-updated'; images: readonly ImageRecord[]; origin: Origin }
  | { type: 'images-deleted'; sha256s: readonly string[]; origin: Origin }
  /** Model results stored for these images under one run key. */
  | { type: 'results-stored'; runKey: string; sha256s: readonly string[]; origin: Origin };

export type ProjectEventType = ProjectEvent['type'];
export type EventOf<T extends ProjectEventType> = Extract<ProjectEvent, { type: T }>;
type Listener<T extends ProjectEventType> = (event: EventOf<T>) => void | Promise<void>;

const listeners = new Map<ProjectEventType, Set<Listener<ProjectEventType>>>();

/** Hears every event of one type; returns what stops it. */
export function on<T extends ProjectEventType>(type: T, listener: Listener<T>): () => void {
  const set = listeners.get(type) ?? new Set();
  listeners.set(type, set);
  const heard: Listener<ProjectEventType> = (event) => listener(event as EventOf<T>);
  set.add(heard);
  return () => set.delete(heard);
}

/**
 * Tells every listener of the event's type, and waits for all of them. One listener that fails is reported and does
 * not keep the others from hearing it: a store that could not read again shows its own error.
 */
export async function publish(event: ProjectEvent): Promise<void> {
  const heard = [...(listeners.get(event.type) ?? [])].map(async (listener) => listener(event));
  for (const outcome of await Promise.allSettled(heard)) if (outcome.status === 'rejected') console.error(`${event.type}:`, outcome.reason);
}

// Storage says when an annotation change committed (whoever made it in this page): the stores hear it from here.
onChangeWritten((written) => void publish({ type: 'change-committed', written, origin: 'this-tab' }));
