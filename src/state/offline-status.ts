import { create } from 'zustand';
import type { OfflineModels } from '../pwa/offline-cache';

/**
 * What the page knows about working offline: the connection, whether each bundled model is in the offline cache,
 * storage used and whether it is persistent, and a waiting new version. Written by ui/offline/OfflineWatch; shown by
 * the header's status chips and, where something needs saying, by toasts.
 */
interface OfflineStatusState {
  online: boolean;
  models: OfflineModels | null;
  /** null: not asked yet (asked once the project holds images). */
  persisted: boolean | null;
  estimate: { usage: number; quota: number } | null;
  updateReady: boolean;
  applyUpdate(): void;
  dismissUpdate(): void;
  /** What the watcher found out (the connection, the cache, storage, a new version and how to apply it). */
  report(found: Partial<Omit<OfflineStatusState, 'report'>>): void;
}

export const useOfflineStatus = create<OfflineStatusState>((set) => ({
  online: true,
  models: null,
  persisted: null,
  estimate: null,
  updateReady: false,
  applyUpdate: () => undefined,
  dismissUpdate: () => undefined,
  report: (found) => set(found),
}));

/** Storage nearly spent: new imports may be refused. */
export const nearlyFull = (estimate: { usage: number; quota: number } | null) => estimate !== null && estimate.quota > 0 && estimate.usage / estimate.quota > 0.9;
