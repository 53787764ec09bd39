import { type ReactNode, useEffect, useRef } from 'react';

interface Props {
  title: string;
  confirm: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question (the browser's <dialog>: focus trapped, Esc cancels). */
export function ConfirmDialog({ title, confirm, children, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label={title} onCancel={onCancel} onKeyDown={(e) => e.stopPropagation()}>
      <h2>{title}</h2>
      <p>{children}</p>
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
