import { type ReactNode, useEffect, useRef } from 'react';

interface Props {
  title: string;
  className: string;
  /** Esc, or the caller's own Close/Cancel button. */
  onClose(): void;
  children: ReactNode;
}

/** A modal <dialog> (focus trapped, Esc closes) whose keys stay inside it: the app's shortcuts do not fire while it is open. */
export function Modal({ title, className, onClose, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className={className} aria-label={title} onCancel={onClose} onKeyDown={(e) => e.stopPropagation()}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}
