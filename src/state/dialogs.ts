import { create } from 'zustand';

/**
 * Which of the app's dialogs is open (one at a time, as they are modal). The ids and what each shows are listed in
 * ui/shell/dialog-table.tsx; a header menu item or a button opens one by id.
 */
interface DialogsState {
  open: string | null;
  show(id: string): void;
  close(): void;
}

export const useDialogs = create<DialogsState>((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
