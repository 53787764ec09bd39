import { create } from 'zustand';

export type ToastTone = 'info' | 'warning' | 'error';

/** A message that is not part of any store's state: the outcome of a one-off action (an export, a model added). */
export interface Toast {
  /** One toast per key: a newer message of the same kind replaces the older one. */
  key: string;
  tone: ToastTone;
  text: string;
  testId?: string;
}

interface ToastsState {
  toasts: Toast[];
  show(toast: Toast): void;
  dismiss(key: string): void;
}

/** At most this many of them at once; the oldest goes first. */
const KEEP = 4;

export const useToasts = create<ToastsState>((set) => ({
  toasts: [],
  show: (toast) => set((s) => ({ toasts: [...s.toasts.filter((t) => t.key !== toast.key), toast].slice(-KEEP) })),
  dismiss: (key) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== key) })),
}));

export const notify = (toast: Toast) => useToasts.getState().show(toast);
