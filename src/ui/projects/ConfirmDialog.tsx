import type { ReactNode } from 'react';
import { Modal } from '../common/Modal';

interface Props {
  title: string;
  confirm: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question: Cancel (or Esc) or the named, dangerous action. */
export function ConfirmDialog({ title, confirm, children, onConfirm, onCancel }: Props) {
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
          <button type="button" className="danger" onClick={onConfirm}>
            {confirm}
          </button>
        </>
      }
    >
      <p>{children}</p>
    </Modal>
  );
}
