import { create } from 'zustand';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../domain/dataset/safe-zip';

/** App-wide (not per project): a zip read before a project is open, and a restore makes a new project. */
const KEY = 'workbench.zipLimits';

function stored(): ZipLimits {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<ZipLimits> | null;
    const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 1;
    if (value && ok(value.entryBytes) && ok(value.totalBytes) && ok(value.ratio)) return value as ZipLimits;
  } catch {
    // unreadable or unavailable storage: the defaults hold
  }
  return DEFAULT_ZIP_LIMITS;
}

/** A refusal for a zip limit says where the limits are raised. */
export const withZipLimitHint = (message: string): string =>
  /more than the limit of/.test(message) ? `${message} (if you trust the file: Settings… raises the zip limits)` : message;

interface ZipLimitsState {
  /** What a zip (dataset set, backup) may inflate to; raised by a person who trusts a large file. */
  limits: ZipLimits;
  setLimits(limits: ZipLimits): void;
  reset(): void;
}

export const useZipLimits = create<ZipLimitsState>((set) => ({
  limits: stored(),
  setLimits(limits) {
    set({ limits });
    try {
      localStorage.setItem(KEY, JSON.stringify(limits));
    } catch {
      // not kept across reloads; it still holds in this session
    }
  },
  reset() {
    set({ limits: DEFAULT_ZIP_LIMITS });
    try {
      localStorage.removeItem(KEY);
    } catch {
      // nothing kept to remove
    }
  },
}));
