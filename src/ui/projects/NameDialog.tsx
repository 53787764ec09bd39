import { useEffect, useRef, useState } from 'react';

interface Props {
  title: string;
  initial: string;
  submit: string;
  /** Why the name cannot be used, shown under the field; null when it can. */
  problem(name: string): string | null;
  onSubmit(name: string): void;
  onCancel(): void;
}

export function NameDialog({ title, initial, submit, problem, onSubmit, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const why = problem(name);

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-label={title} onCancel={onCancel} onKeyDown={(e) => e.stopPropagation()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!why) onSubmit(name.trim());
        }}
      >
        <h2>{title}</h2>
        <label>
          Name{' '}
          <input autoFocus value={name} onChange={(e) => (setName(e.target.value), setTouched(true))} />
        </label>
        {touched && why && (
          <p className="error" role="alert">
            {why}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit">{submit}</button>
        </div>
      </form>
    </dialog>
  );
}
