import { type ReactNode, useEffect, useRef } from 'react';

/** A modal <dialog> whose keys stay inside it (the app's shortcuts do not fire while it is open). */
export function Modal({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="dataset-dialog" aria-label={title} onCancel={onClose} onKeyDown={(e) => e.stopPropagation()}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}
