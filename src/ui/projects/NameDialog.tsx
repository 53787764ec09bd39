import { useId, useState } from 'react';
import { Modal } from '../common/Modal';

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
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const formId = useId();
  const why = problem(name);

  return (
    <Modal
      title={title}
      className="confirm-dialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary">
            {submit}
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!why) onSubmit(name.trim());
        }}
      >
        <label>
          Name{' '}
          <input autoFocus value={name} onChange={(e) => (setName(e.target.value), setTouched(true))} />
        </label>
        {touched && why && (
          <p className="error" role="alert">
            {why}
          </p>
        )}
      </form>
    </Modal>
  );
}
